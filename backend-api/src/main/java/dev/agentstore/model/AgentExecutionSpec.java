package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What an agent execution was asked to do. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * AgentExecutionSpec s = AgentExecutionSpec.builder().sessionId(sessionId).agentId(agentId)
 *     .message("hello").model("gpt-4o").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentExecutionSpec(
    String sessionId,
    String agentId,
    String message,
    ExecutionConfig config,
    Map<String, ExecutionValue> runtimeEnv,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public AgentExecutionSpec {
    runtimeEnv = Copies.map(runtimeEnv);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code sessionId}; every other field is kept. */
  public AgentExecutionSpec withSessionId(String sessionId) {
    return toBuilder().sessionId(sessionId).build();
  }

  /** A copy with another {@code agentId}; every other field is kept. */
  public AgentExecutionSpec withAgentId(String agentId) {
    return toBuilder().agentId(agentId).build();
  }

  /** A copy with another {@code message}; every other field is kept. */
  public AgentExecutionSpec withMessage(String message) {
    return toBuilder().message(message).build();
  }

  /** A copy with another {@code config}; every other field is kept. */
  public AgentExecutionSpec withConfig(ExecutionConfig config) {
    return toBuilder().config(config).build();
  }

  /** A copy with another {@code runtimeEnv}; every other field is kept. */
  public AgentExecutionSpec withRuntimeEnv(Map<String, ExecutionValue> runtimeEnv) {
    return toBuilder().runtimeEnv(runtimeEnv).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public AgentExecutionSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link AgentExecutionSpec} values; every setter is optional. */
  public static final class Builder {
    private String sessionId;
    private String agentId;
    private String message;
    private ExecutionConfig config;
    private Map<String, ExecutionValue> runtimeEnv;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(AgentExecutionSpec from) {
      sessionId = from.sessionId;
      agentId = from.agentId;
      message = from.message;
      config = from.config;
      runtimeEnv = from.runtimeEnv;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code sessionId}. */
    public Builder sessionId(String value) {
      sessionId = value;
      return this;
    }

    /** Sets {@code agentId}. */
    public Builder agentId(String value) {
      agentId = value;
      return this;
    }

    /** Sets {@code message}. */
    public Builder message(String value) {
      message = value;
      return this;
    }

    /** Sets {@code config}. */
    public Builder config(ExecutionConfig value) {
      config = value;
      return this;
    }

    /** Sets {@code runtimeEnv}. */
    public Builder runtimeEnv(Map<String, ExecutionValue> value) {
      runtimeEnv = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** Sets {@code config.model}, keeping the rest of {@code config}. */
    public Builder model(String value) {
      config = (config == null ? ExecutionConfig.builder() : config.toBuilder()).model(value).build();
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public AgentExecutionSpec build() {
      return new AgentExecutionSpec(sessionId, agentId, message, config, runtimeEnv, unknownFields);
    }
  }
}
