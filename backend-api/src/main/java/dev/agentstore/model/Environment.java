package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.Map;

/**
 * The Environment resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * Environment e = store.environments().create(Environment.builder().org(org).name("prod")
 *     .data(Map.of("TOKEN", EnvironmentValue.secret(token))).build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
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

  /** A copy with one label added or replaced. */
  public Environment withLabel(String key, String value) {
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
   * Builds {@link Environment} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private EnvironmentSpec.Builder spec = EnvironmentSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(EnvironmentSpec value) {
      spec = value == null ? EnvironmentSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.description}. */
    public Builder description(String value) {
      spec.description(value);
      return this;
    }

    /** Sets {@code spec.data}. */
    public Builder data(Map<String, EnvironmentValue> value) {
      spec.data(value);
      return this;
    }

    /** The resource. */
    public Environment build() {
      return new Environment(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
