package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The Session resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * Session s = store.sessions().create(Session.builder().org(org).name("chat")
 *     .agentInstanceId(instanceId).subject("user-42").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
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

  /** A copy with one label added or replaced. */
  public Session withLabel(String key, String value) {
    return withMetadata(metadata.withLabel(key, value));
  }

  /** A builder for a new resource. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this resource's metadata, spec and status. */
  public Builder toBuilder() {
    return new Builder().metadata(metadata).spec(spec).status(status);
  }

  /**
   * Builds {@link Session} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private SessionSpec.Builder spec = SessionSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(SessionSpec value) {
      spec = value == null ? SessionSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.agentInstanceId}. */
    public Builder agentInstanceId(String value) {
      spec.agentInstanceId(value);
      return this;
    }

    /** Sets {@code spec.subject}. */
    public Builder subject(String value) {
      spec.subject(value);
      return this;
    }

    /** Sets {@code spec.threadId}. */
    public Builder threadId(String value) {
      spec.threadId(value);
      return this;
    }

    /** Sets {@code spec.sandboxId}. */
    public Builder sandboxId(String value) {
      spec.sandboxId(value);
      return this;
    }

    /** The resource. */
    public Session build() {
      return new Session(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
