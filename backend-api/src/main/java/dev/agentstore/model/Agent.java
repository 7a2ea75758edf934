package dev.agentstore.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.List;

/**
 * The Agent resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * Agent a = store.agents().create(Agent.builder().org(org).name("Support Bot")
 *     .instructions("Answer briefly.").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
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

  /** A copy with one label added or replaced. */
  public Agent withLabel(String key, String value) {
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
   * Builds {@link Agent} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private AgentSpec.Builder spec = AgentSpec.builder();
    private AgentStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(AgentSpec value) {
      spec = value == null ? AgentSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(AgentStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.description}. */
    public Builder description(String value) {
      spec.description(value);
      return this;
    }

    /** Sets {@code spec.iconUrl}. */
    public Builder iconUrl(String value) {
      spec.iconUrl(value);
      return this;
    }

    /** Sets {@code spec.instructions}. */
    public Builder instructions(String value) {
      spec.instructions(value);
      return this;
    }

    /** Sets {@code spec.mcpServers}. */
    public Builder mcpServers(List<String> value) {
      spec.mcpServers(value);
      return this;
    }

    /** Sets {@code spec.skillRefs}. */
    public Builder skillRefs(List<String> value) {
      spec.skillRefs(value);
      return this;
    }

    /** Sets {@code spec.subAgents}. */
    public Builder subAgents(List<String> value) {
      spec.subAgents(value);
      return this;
    }

    /** Sets {@code spec.envSpec}. */
    public Builder envSpec(JsonNode value) {
      spec.envSpec(value);
      return this;
    }

    /** The resource. */
    public Agent build() {
      return new Agent(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
