package dev.agentstore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  /**
   * Hands up to {@code max} resources that {@code query} matches (its filters and order; its page
   * size and token are ignored) and that no one holds a lease on to {@code owner}, each with a
   * lease until now + {@code lease}, for work queues and schedulers: however many claimers run
   * at once, in however many processes, a resource is handed to one of them until its lease
   * expires (or is released), then to the next claim that matches it. Resources being written
   * at that moment may be passed over until the next call. A lease is not part of the resource:
   * claiming changes no version, writes no history, and does not stop anyone updating it.
   * Leases expire on the store's clock. Usage:
   * {@code List<Claim<WorkflowExecution>> mine = store.workflowExecutions().claim(Query.builder().phase(ExecutionPhase.PENDING).build(), "worker-1", Duration.ofMinutes(5), 10);}
   *
   * @param owner the claimer's name, 1 to 200 characters (several threads may share one)
   * @param lease how long the lease lasts, more than zero and at most a day
   * @param max the most resources to hand out, 1 to {@link Query#MAX_PAGE_SIZE}
   */
  List<Claim<R>> claim(Query query, String owner, Duration lease, int max);

  /**
   * Extends {@code owner}'s lease on a resource to now + {@code lease} and returns it; raises
   * {@link FailedPreconditionException} when {@code owner} does not hold one in force (it
   * expired, so the resource may already be someone else's) and {@link NotFoundException} when
   * there is no such resource.
   */
  Lease renew(String id, String owner, Duration lease);

  /**
   * Gives up {@code owner}'s lease on a resource, so the next claim may take it; returns whether
   * {@code owner} held one (an expired lease no one replaced counts). Raises
   * {@link NotFoundException} when there is no such resource.
   */
  boolean release(String id, String owner);

  /** The lease in force on a resource, if any; {@link NotFoundException} when there is none such. */
  Optional<Lease> lease(String id);
}
