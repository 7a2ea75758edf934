package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Workflow resource: metadata, spec and status.
 *
 * <p>Usage: {@code Workflow r = store.workflows().create(new Workflow(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Workflow(Metadata metadata, WorkflowSpec spec, GenericStatus status) implements Resource<WorkflowSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.WORKFLOW;
  }

  @Override
  public Workflow withMetadata(Metadata m) {
    return new Workflow(m, spec, status);
  }

  /** A copy with a new spec. */
  public Workflow withSpec(WorkflowSpec s) {
    return new Workflow(metadata, s, status);
  }

  /** A copy with a new status. */
  public Workflow withStatus(GenericStatus s) {
    return new Workflow(metadata, spec, s);
  }
}
