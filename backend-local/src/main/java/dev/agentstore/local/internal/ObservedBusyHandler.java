package dev.agentstore.local.internal;

import dev.agentstore.observe.StoreObserver;
import java.util.concurrent.TimeUnit;
import org.sqlite.BusyHandler;

/**
 * SQLite's busy timeout, told to an observer: installed on each connection of an observed store
 * in place of {@code busy_timeout}, it sleeps with SQLite's own back-off (1, 2, 5, 10, 15, 20,
 * 25, 25, 25, 50, 50 ms, then 100 ms) while another connection holds the lock, until the same
 * total timeout, reporting each sleep ({@link StoreObserver#busyWaited}) and the giving up
 * ({@link StoreObserver#busyTimedOut}). Stores without an observer keep {@code busy_timeout}.
 *
 * <p>Usage: {@code BusyHandler.setHandler(connection, new ObservedBusyHandler(30_000, observer));}
 */
final class ObservedBusyHandler extends BusyHandler {
  private static final int[] DELAYS_MS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

  private final long timeoutNanos;
  private final StoreObserver observer;
  /** When the current wait began; a connection runs one statement at a time. */
  private long started;

  /** Waits up to {@code timeoutMs} for each lock, telling {@code observer}. */
  ObservedBusyHandler(int timeoutMs, StoreObserver observer) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    this.observer = observer;
  }

  /** Called by SQLite: nonzero to try again, 0 to give up (the statement fails SQLITE_BUSY). */
  @Override
  protected int callback(int attempt) {
    long now = System.nanoTime();
    if (attempt == 0) {
      started = now;
    }
    long remaining = timeoutNanos - (now - started);
    if (remaining <= 0) {
      report(() -> observer.busyTimedOut(now - started));
      return 0;
    }
    long delay = Math.min(TimeUnit.MILLISECONDS.toNanos(
        DELAYS_MS[Math.min(attempt, DELAYS_MS.length - 1)]), remaining);
    try {
      TimeUnit.NANOSECONDS.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report(() -> observer.busyTimedOut(System.nanoTime() - started));
      return 0;
    }
    long slept = System.nanoTime() - now;
    report(() -> observer.busyWaited(attempt, slept));
    return 1;
  }

  /**
   * Runs an observer call, ignoring its failure: this runs inside SQLite's native callback, and a
   * metrics fault must not change whether the statement waits.
   */
  private static void report(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // the wait itself goes on as SQLite's busy_timeout would
    }
  }
}
