package dev.agentstore;

import java.util.List;

/**
 * Every change of the store in sequence order, for readers that follow along (caches, search
 * indexes, audit exports). A reader that remembers the last sequence it handled never misses a
 * change, even one that committed after it read past that sequence number.
 *
 * <p>Usage: {@code List<ResourceVersion> next = store.changes().since(lastSeen, 100);}
 */
public interface ChangeFeed {

  /** Up to {@code limit} changes with sequence above {@code afterSequence}, in sequence order. */
  List<ResourceVersion> since(long afterSequence, int limit);
}
