package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.Map;

/**
 * The ExecutionContext resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * ExecutionContext c = store.executionContexts().create(ExecutionContext.builder().org(org)
 *     .name("ctx").executionId(executionId).build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
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

  /** A copy with one label added or replaced. */
  public ExecutionContext withLabel(String key, String value) {
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
   * Builds {@link ExecutionContext} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private ExecutionContextSpec.Builder spec = ExecutionContextSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(ExecutionContextSpec value) {
      spec = value == null ? ExecutionContextSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.executionId}. */
    public Builder executionId(String value) {
      spec.executionId(value);
      return this;
    }

    /** Sets {@code spec.data}. */
    public Builder data(Map<String, ExecutionValue> value) {
      spec.data(value);
      return this;
    }

    /** The resource. */
    public ExecutionContext build() {
      return new ExecutionContext(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
