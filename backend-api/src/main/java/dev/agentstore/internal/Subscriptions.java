package dev.agentstore.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The change subscriptions of one open store: wakes them when the backend reports committed
 * changes (registered once per store, so subscriptions come and go without touching the backend)
 * and closes them when the store closes.
 *
 * <p>Usage: {@code backend.onCommittedChanges(subscriptions::wake); subscriptions.awaitChange(g, 500);}
 */
final class Subscriptions {
  private final Set<ChangeSubscription> open = ConcurrentHashMap.newKeySet();
  private long generation;

  /** Counts a commit and wakes every waiting subscription; cheap, called on writers' threads. */
  synchronized void wake() {
    generation++;
    notifyAll();
  }

  /** The current wake-up count; read it before fetching, then wait for it to move. */
  synchronized long generation() {
    return generation;
  }

  /** Waits until the wake-up count differs from {@code seen} or {@code timeoutMs} passes. */
  synchronized void awaitChange(long seen, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    for (long left = timeoutMs; generation == seen && left > 0;
        left = (deadline - System.nanoTime()) / 1_000_000) {
      wait(left);
    }
  }

  void add(ChangeSubscription s) {
    open.add(s);
  }

  void remove(ChangeSubscription s) {
    open.remove(s);
  }

  /** Closes every subscription (the store is closing). */
  void closeAll() {
    for (ChangeSubscription s : List.copyOf(open)) {
      s.close();
    }
  }
}
