package dev.agentstore.internal;

import dev.agentstore.UnavailableException;
import dev.agentstore.history.ChangeListener;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.history.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * One subscription: a daemon thread that reads the change feed in batches after the last
 * delivered sequence and hands each change to the listener, then sleeps until a commit wakes it
 * or the poll interval passes. Nothing is buffered beyond the batch being delivered, so a slow
 * listener only slows reading; the feed itself guarantees no gaps, so delivering in batch order
 * and advancing only after the listener returns gives exactly-once, in-order delivery.
 *
 * <p>Usage: {@code new ChangeSubscription(after, listener, feed::read, subscriptions).start()}
 */
final class ChangeSubscription implements Subscription {
  static final int BATCH = 256;
  static final long POLL_MS = 500;
  private static final long CLOSE_WAIT_MS = 5_000;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ChangeListener listener;
  private final BiFunction<Long, Integer, List<ResourceVersion>> feed;
  private final Subscriptions subscriptions;
  private final Thread thread;
  private volatile long last;
  private volatile boolean active = true;
  private volatile Throwable failure;

  /**
   * A subscription delivering changes after {@code after}.
   *
   * @param feed reads up to n changes after a sequence, in its own transaction
   */
  ChangeSubscription(long after, ChangeListener listener,
      BiFunction<Long, Integer, List<ResourceVersion>> feed, Subscriptions subscriptions) {
    this.last = after;
    this.listener = listener;
    this.feed = feed;
    this.subscriptions = subscriptions;
    this.thread = new Thread(this::run, "agentstore-changes-" + THREADS.incrementAndGet());
    this.thread.setDaemon(true);
  }

  ChangeSubscription start() {
    subscriptions.add(this);
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (active) {
        long generation = subscriptions.generation();
        List<ResourceVersion> batch;
        try {
          batch = feed.apply(last, BATCH);
        } catch (UnavailableException e) {
          subscriptions.awaitChange(generation, POLL_MS); // busy or unreachable: retry later
          continue;
        }
        for (ResourceVersion change : batch) {
          if (!active) {
            return;
          }
          listener.onChange(change);
          last = change.sequence();
        }
        if (batch.size() < BATCH) {
          subscriptions.awaitChange(generation, POLL_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | Error e) {
      if (active) {
        failure = e;
      }
    } finally {
      active = false;
      subscriptions.remove(this);
    }
  }

  @Override
  public long lastSequence() {
    return last;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    active = false;
    subscriptions.wake();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Subscription[" + thread.getName() + ", last=" + last + ", active=" + active + "]";
  }
}
