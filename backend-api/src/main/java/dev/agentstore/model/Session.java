package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Session resource: metadata, spec and status.
 *
 * <p>Usage: {@code Session r = store.sessions().create(new Session(Metadata.of(org, "name"), spec, null));}
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Session(Metadata metadata, SessionSpec spec, GenericStatus status) implements Resource<SessionSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.SESSION;
  }

  @Override
  public Session withMetadata(Metadata m) {
    return new Session(m, spec, status);
  }

  /** A copy with a new spec. */
  public Session withSpec(SessionSpec s) {
    return new Session(metadata, s, status);
  }

  /** A copy with a new status. */
  public Session withStatus(GenericStatus s) {
    return new Session(metadata, spec, s);
  }
}
