package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Environment resource: metadata, spec and status.
 *
 * <p>Usage: {@code Environment r = store.environments().create(new Environment(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Environment(Metadata metadata, EnvironmentSpec spec, GenericStatus status) implements Resource<EnvironmentSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.ENVIRONMENT;
  }

  @Override
  public Environment withMetadata(Metadata m) {
    return new Environment(m, spec, status);
  }

  /** A copy with a new spec. */
  public Environment withSpec(EnvironmentSpec s) {
    return new Environment(metadata, s, status);
  }

  /** A copy with a new status. */
  public Environment withStatus(GenericStatus s) {
    return new Environment(metadata, spec, s);
  }
}
