package dev.agentstore.history;

import dev.agentstore.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The version history of every resource: one entry per create, update, status update, append and
 * delete, written in the same transaction as the change (a write that rolls back leaves none).
 *
 * <p>Usage: {@code Optional<ResourceVersion> v1 = store.history().get(agentId, 1);}
 */
public interface History {

  /**
   * Every kept entry of a resource, oldest first. Long histories (an execution with thousands of
   * appends) are better read page by page with {@link #list(String, long, int)}.
   */
  List<ResourceVersion> list(String resourceId);

  /**
   * One page of a resource's entries, oldest first: up to {@code limit} (1..10000) entries with
   * {@link ResourceVersion#sequence()} above {@code afterSequence}. Start with 0; the next page
   * starts after the last entry's sequence. Keyed by sequence, so a page never repeats or skips an
   * entry, even when a deleted id was created again and its versions restarted at 1.
   */
  List<ResourceVersion> list(String resourceId, long afterSequence, int limit);

  /** The entry that produced {@code version} of a resource (its latest incarnation), if kept. */
  Optional<ResourceVersion> get(String resourceId, long version);

  /**
   * Deletes entries created before {@code olderThan}, never a resource's latest entry (so a
   * deleted resource keeps its DELETED entry); returns how many were deleted. Whole-store only.
   * Runs in bounded batches, each its own transaction (inside {@code inTransaction}, the
   * caller's), so a large prune never holds locks for long.
   */
  long prune(Instant olderThan);

  /**
   * {@link #prune(Instant)} for the entries of one kind only, for per-kind retention. Usage:
   * {@code store.history().prune(Instant.now().minus(Duration.ofDays(90)), Kind.AGENT_EXECUTION)}.
   */
  long prune(Instant olderThan, Kind kind);
}
