package dev.agentstore;

import java.util.function.UnaryOperator;

/**
 * The reads plus the writes to resources that exist: versioned updates, the status subresource,
 * read-modify-write edits and deletes. {@link ResourceRepository} adds create and apply.
 *
 * <p>Usage: {@code Agent a = store.agents().edit(id, r -> r.withSpec(r.spec().withInstructions("Be kind.")));}
 *
 * @param <R> the resource type
 */
public interface UpdatableRepository<R extends Resource<?, ?>> extends ReadableRepository<R> {

  /**
   * Replaces metadata (name, slug, labels, annotations, tags) and spec if
   * {@code resource.metadata().version()} is the stored version; otherwise raises
   * {@link ConflictException} and changes nothing. The status is left as stored (use
   * {@link #updateStatus}).
   */
  R update(R resource);

  /**
   * Replaces the status with {@code resource.status()} if {@code resource.metadata().version()}
   * is the stored version (else {@link ConflictException}); the resource's id says which one.
   * Metadata and spec are left as stored. Usage:
   * {@code repo.updateStatus(agent.withStatus(new AgentStatus(instanceId)))}.
   */
  R updateStatus(R resource);

  /**
   * Reads the resource, applies {@code change} and writes the result with {@link #update} at the
   * version read; when another writer got in first ({@link ConflictException}) it reads again
   * and re-applies, a bounded number of times ({@link AgentStore.Builder#editRetries(int)}) with a
   * short jittered pause. {@code change} may therefore run more than once and must not have side
   * effects; it changes metadata and spec (the status is kept, see {@link #editStatus}); the id
   * and version it leaves are ignored. Returns the stored result; raises
   * {@link NotFoundException} when there is no such resource. Inside a transaction a conflict is
   * final and is raised at once.
   */
  R edit(String id, UnaryOperator<R> change);

  /** {@link #edit}, for the status: the result is written with {@link #updateStatus}. */
  R editStatus(String id, UnaryOperator<R> change);

  /** Deletes the resource; returns whether something was deleted. */
  boolean delete(String id);

  /** Deletes the resource only at {@code expectedVersion} (else {@link ConflictException}). */
  boolean delete(String id, long expectedVersion);

  /**
   * Deletes every resource {@code query} matches (its filters; its order, page size and token
   * are ignored) with {@link DeleteOptions#defaults()}. Usage:
   * {@code store.agentExecutions().deleteWhere(Query.builder().createdBefore(cutoff).build())}.
   */
  default DeleteResult deleteWhere(Query query) {
    return deleteWhere(query, DeleteOptions.defaults());
  }

  /**
   * Deletes every resource {@code query} matches, for retention: in batches of
   * {@code options.batchSize()}, each its own transaction (never one huge one, never OFFSET), each
   * deletion exactly like {@link #delete(String)} (delete rules honoured, a DELETED history entry
   * unless {@code options.pruneHistory()}). A resource something still references (RESTRICT) is
   * left in place and counted as blocked; a resource is deleted when it matched as its batch was
   * read in that batch's transaction. Inside {@code inTransaction} every batch runs in the
   * caller's transaction. Usage:
   * {@code repo.deleteWhere(q, DeleteOptions.builder().pruneHistory(true).build())}.
   */
  DeleteResult deleteWhere(Query query, DeleteOptions options);
}
