package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Agent resource: metadata, spec and status.
 *
 * <p>Usage: {@code Agent r = store.agents().create(new Agent(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Agent(Metadata metadata, AgentSpec spec, AgentStatus status) implements Resource<AgentSpec, AgentStatus> {
  @Override
  public Kind kind() {
    return Kind.AGENT;
  }

  @Override
  public Agent withMetadata(Metadata m) {
    return new Agent(m, spec, status);
  }

  /** A copy with a new spec. */
  public Agent withSpec(AgentSpec s) {
    return new Agent(metadata, s, status);
  }

  /** A copy with a new status. */
  public Agent withStatus(AgentStatus s) {
    return new Agent(metadata, spec, s);
  }
}
