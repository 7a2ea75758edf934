package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.Map;

/**
 * The AgentExecution resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * AgentExecution x = store.agentExecutions().create(AgentExecution.builder().org(org)
 *     .name("Run 1").sessionId(sessionId).agentId(agentId).message("Why?").model("gpt-4o")
 *     .build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
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

  /** A copy with one label added or replaced. */
  public AgentExecution withLabel(String key, String value) {
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
   * Builds {@link AgentExecution} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private AgentExecutionSpec.Builder spec = AgentExecutionSpec.builder();
    private AgentExecutionStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(AgentExecutionSpec value) {
      spec = value == null ? AgentExecutionSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(AgentExecutionStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.sessionId}. */
    public Builder sessionId(String value) {
      spec.sessionId(value);
      return this;
    }

    /** Sets {@code spec.agentId}. */
    public Builder agentId(String value) {
      spec.agentId(value);
      return this;
    }

    /** Sets {@code spec.message}. */
    public Builder message(String value) {
      spec.message(value);
      return this;
    }

    /** Sets {@code spec.config}. */
    public Builder config(ExecutionConfig value) {
      spec.config(value);
      return this;
    }

    /** Sets {@code spec.runtimeEnv}. */
    public Builder runtimeEnv(Map<String, ExecutionValue> value) {
      spec.runtimeEnv(value);
      return this;
    }

    /** Sets {@code spec.config.model}. */
    public Builder model(String value) {
      spec.model(value);
      return this;
    }

    /** The resource. */
    public AgentExecution build() {
      return new AgentExecution(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
