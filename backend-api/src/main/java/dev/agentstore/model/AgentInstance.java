package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The AgentInstance resource: metadata, spec and status.
 *
 * <p>Usage: {@code AgentInstance r = store.agentInstances().create(new AgentInstance(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record AgentInstance(Metadata metadata, AgentInstanceSpec spec, GenericStatus status) implements Resource<AgentInstanceSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.AGENT_INSTANCE;
  }

  @Override
  public AgentInstance withMetadata(Metadata m) {
    return new AgentInstance(m, spec, status);
  }

  /** A copy with a new spec. */
  public AgentInstance withSpec(AgentInstanceSpec s) {
    return new AgentInstance(metadata, s, status);
  }

  /** A copy with a new status. */
  public AgentInstance withStatus(GenericStatus s) {
    return new AgentInstance(metadata, spec, s);
  }
}
