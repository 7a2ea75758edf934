package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The AgentExecution resource: metadata, spec and status.
 *
 * <p>Usage: {@code AgentExecution r = store.agentExecutions().create(new AgentExecution(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record AgentExecution(Metadata metadata, AgentExecutionSpec spec, AgentExecutionStatus status) implements Resource<AgentExecutionSpec, AgentExecutionStatus> {
  @Override
  public Kind kind() {
    return Kind.AGENT_EXECUTION;
  }

  @Override
  public AgentExecution withMetadata(Metadata m) {
    return new AgentExecution(m, spec, status);
  }

  /** A copy with a new spec. */
  public AgentExecution withSpec(AgentExecutionSpec s) {
    return new AgentExecution(metadata, s, status);
  }

  /** A copy with a new status. */
  public AgentExecution withStatus(AgentExecutionStatus s) {
    return new AgentExecution(metadata, spec, s);
  }
}
