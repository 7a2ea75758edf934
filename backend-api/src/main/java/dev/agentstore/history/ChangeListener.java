package dev.agentstore.history;

/**
 * Receives the changes of a {@link ChangeFeed#subscribe subscription}, one at a time, in
 * sequence order, on the subscription's thread.
 *
 * <p>Usage: {@code ChangeListener l = change -> cache.invalidate(change.resourceId());}
 */
@FunctionalInterface
public interface ChangeListener {

  /**
   * Handles one change. Throwing stops the subscription with this change not delivered (see
   * {@link Subscription#failure()}).
   */
  void onChange(ResourceVersion change) throws Exception;
}
