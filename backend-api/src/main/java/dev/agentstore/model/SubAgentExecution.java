package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A delegation from one agent execution to a sub-agent. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * SubAgentExecution d = SubAgentExecution.builder().agentId(agentId).executionId(executionId)
 *     .phase(ExecutionPhase.PENDING).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubAgentExecution(
    String agentId,
    String executionId,
    ExecutionPhase phase,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public SubAgentExecution {
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

  /** A copy with another {@code agentId}; every other field is kept. */
  public SubAgentExecution withAgentId(String agentId) {
    return toBuilder().agentId(agentId).build();
  }

  /** A copy with another {@code executionId}; every other field is kept. */
  public SubAgentExecution withExecutionId(String executionId) {
    return toBuilder().executionId(executionId).build();
  }

  /** A copy with another {@code phase}; every other field is kept. */
  public SubAgentExecution withPhase(ExecutionPhase phase) {
    return toBuilder().phase(phase).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public SubAgentExecution withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link SubAgentExecution} values; every setter is optional. */
  public static final class Builder {
    private String agentId;
    private String executionId;
    private ExecutionPhase phase;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(SubAgentExecution from) {
      agentId = from.agentId;
      executionId = from.executionId;
      phase = from.phase;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code agentId}. */
    public Builder agentId(String value) {
      agentId = value;
      return this;
    }

    /** Sets {@code executionId}. */
    public Builder executionId(String value) {
      executionId = value;
      return this;
    }

    /** Sets {@code phase}. */
    public Builder phase(ExecutionPhase value) {
      phase = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public SubAgentExecution build() {
      return new SubAgentExecution(agentId, executionId, phase, unknownFields);
    }
  }
}
