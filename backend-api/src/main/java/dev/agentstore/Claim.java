package dev.agentstore;

/**
 * One resource handed to a claimer by {@link UpdatableRepository#claim}, with the lease it now
 * holds on it.
 *
 * <p>Usage: {@code for (Claim<WorkflowExecution> c : store.workflowExecutions().claim(due, "scheduler-1", Duration.ofSeconds(30), 10)) { run(c.resource()); }}
 *
 * @param resource the resource as stored when it was claimed
 * @param lease the claimer's lease on it
 * @param <R> the resource type
 */
public record Claim<R extends Resource<?, ?>>(R resource, Lease lease) {}
