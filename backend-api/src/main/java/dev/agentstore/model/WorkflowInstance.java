package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The WorkflowInstance resource: metadata, spec and status.
 *
 * <p>Usage: {@code WorkflowInstance r = store.workflowInstances().create(new WorkflowInstance(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record WorkflowInstance(Metadata metadata, WorkflowInstanceSpec spec, GenericStatus status) implements Resource<WorkflowInstanceSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.WORKFLOW_INSTANCE;
  }

  @Override
  public WorkflowInstance withMetadata(Metadata m) {
    return new WorkflowInstance(m, spec, status);
  }

  /** A copy with a new spec. */
  public WorkflowInstance withSpec(WorkflowInstanceSpec s) {
    return new WorkflowInstance(metadata, s, status);
  }

  /** A copy with a new status. */
  public WorkflowInstance withStatus(GenericStatus s) {
    return new WorkflowInstance(metadata, spec, s);
  }
}
