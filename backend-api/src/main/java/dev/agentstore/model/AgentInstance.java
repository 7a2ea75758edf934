package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.List;

/**
 * The AgentInstance resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * AgentInstance i = store.agentInstances().create(AgentInstance.builder().org(org)
 *     .name("prod").agentId(agentId).build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
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

  /** A copy with one label added or replaced. */
  public AgentInstance withLabel(String key, String value) {
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
   * Builds {@link AgentInstance} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private AgentInstanceSpec.Builder spec = AgentInstanceSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(AgentInstanceSpec value) {
      spec = value == null ? AgentInstanceSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.agentId}. */
    public Builder agentId(String value) {
      spec.agentId(value);
      return this;
    }

    /** Sets {@code spec.description}. */
    public Builder description(String value) {
      spec.description(value);
      return this;
    }

    /** Sets {@code spec.environmentRefs}. */
    public Builder environmentRefs(List<String> value) {
      spec.environmentRefs(value);
      return this;
    }

    /** The resource. */
    public AgentInstance build() {
      return new AgentInstance(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
