package dev.agentstore.history;

import dev.agentstore.AgentStore;
import java.util.List;

/**
 * Every change of the store in sequence order, for readers that follow along (caches, search
 * indexes, audit exports). Sequence numbers increase but may have holes (a rolled-back write
 * consumes one); a reader that remembers the last sequence it handled never misses a change, even
 * one that committed after it read past that sequence number, and never sees one twice. An org
 * view ({@link AgentStore#forOrg}) sees only its org's changes.
 *
 * <p>Usage: {@code List<ResourceVersion> next = store.changes().since(lastSeen, 100);}
 */
public interface ChangeFeed {

  /**
   * Up to {@code limit} (1..10000) changes with sequence above {@code afterSequence}, in sequence
   * order. Pass 0 to start at the beginning, then the last returned change's sequence.
   */
  List<ResourceVersion> since(long afterSequence, int limit);

  /**
   * Delivers every change with sequence above {@code afterSequence}, then every new one, to
   * {@code listener} on a thread of its own: exactly once each, in sequence order, one at a time.
   * A slow listener delays the next delivery but never loses one (changes wait in the store, not
   * in memory). New changes committed by this process wake the subscription at once; changes
   * from other processes are picked up by the backend's cross-process notification when it has
   * one ({@code Capabilities.Feature#CROSS_PROCESS_NOTIFY}), otherwise within a poll interval
   * (about half a second).
   *
   * <p>If the listener throws, the subscription stops: the change it failed on is not counted as
   * delivered, {@link Subscription#failure()} holds the exception, and subscribing again from
   * {@link Subscription#lastSequence()} retries that change. To resume after a restart, persist
   * the sequence of each change you handled and subscribe from it. Closing the store closes its
   * subscriptions.
   *
   * <p>Usage: {@code try (Subscription s = store.changes().subscribe(saved, v -> index(v))) {...}}
   */
  Subscription subscribe(long afterSequence, ChangeListener listener);
}
