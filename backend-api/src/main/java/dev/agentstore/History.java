package dev.agentstore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The version history of every resource: one entry per create, update, status update, append and
 * delete, written in the same transaction as the change.
 *
 * <p>Usage: {@code Optional<ResourceVersion> v1 = store.history().get(agentId, 1);}
 */
public interface History {

  /** Every kept entry of a resource, oldest first. */
  List<ResourceVersion> list(String resourceId);

  /** Up to {@code limit} entries of a resource with resource version above {@code afterVersion}. */
  List<ResourceVersion> list(String resourceId, long afterVersion, int limit);

  /** The entry that produced {@code version} of a resource, if kept. */
  Optional<ResourceVersion> get(String resourceId, long version);

  /** Deletes entries older than {@code olderThan}, never a resource's latest; returns how many. */
  long prune(Instant olderThan);
}
