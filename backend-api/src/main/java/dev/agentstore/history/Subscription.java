package dev.agentstore.history;

import java.util.Optional;

/**
 * A running {@link ChangeFeed#subscribe subscription}; close it to stop delivery.
 *
 * <p>Usage: {@code Subscription s = store.changes().subscribe(0, l); ... s.close(); save(s.lastSequence());}
 */
public interface Subscription extends AutoCloseable {

  /** The sequence of the last change the listener returned from (the start point before any). */
  long lastSequence();

  /** Whether changes are still being delivered (false once closed or failed). */
  boolean isActive();

  /** Why delivery stopped on its own: the listener's exception, or the store's error. */
  Optional<Throwable> failure();

  /**
   * Stops delivery. Waits (up to a few seconds) for a listener call in progress to return, unless
   * called from the listener itself; no call starts afterwards.
   */
  @Override
  void close();
}
