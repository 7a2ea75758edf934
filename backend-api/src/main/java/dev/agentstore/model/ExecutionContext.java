package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The ExecutionContext resource: metadata, spec and status.
 *
 * <p>Usage: {@code ExecutionContext r = store.executionContexts().create(new ExecutionContext(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record ExecutionContext(Metadata metadata, ExecutionContextSpec spec, GenericStatus status) implements Resource<ExecutionContextSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.EXECUTION_CONTEXT;
  }

  @Override
  public ExecutionContext withMetadata(Metadata m) {
    return new ExecutionContext(m, spec, status);
  }

  /** A copy with a new spec. */
  public ExecutionContext withSpec(ExecutionContextSpec s) {
    return new ExecutionContext(metadata, s, status);
  }

  /** A copy with a new status. */
  public ExecutionContext withStatus(GenericStatus s) {
    return new ExecutionContext(metadata, spec, s);
  }
}
