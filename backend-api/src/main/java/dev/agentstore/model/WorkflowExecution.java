package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The WorkflowExecution resource: metadata, spec and status.
 *
 * <p>Usage: {@code WorkflowExecution r = store.workflowExecutions().create(new WorkflowExecution(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record WorkflowExecution(Metadata metadata, WorkflowExecutionSpec spec, WorkflowExecutionStatus status) implements Resource<WorkflowExecutionSpec, WorkflowExecutionStatus> {
  @Override
  public Kind kind() {
    return Kind.WORKFLOW_EXECUTION;
  }

  @Override
  public WorkflowExecution withMetadata(Metadata m) {
    return new WorkflowExecution(m, spec, status);
  }

  /** A copy with a new spec. */
  public WorkflowExecution withSpec(WorkflowExecutionSpec s) {
    return new WorkflowExecution(metadata, s, status);
  }

  /** A copy with a new status. */
  public WorkflowExecution withStatus(WorkflowExecutionStatus s) {
    return new WorkflowExecution(metadata, spec, s);
  }
}
