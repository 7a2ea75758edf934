package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The progress of an agent execution: phase, messages, tool calls, usage. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code AgentExecutionStatus s = AgentExecutionStatus.pending().withError("timed out");}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentExecutionStatus(
    ExecutionPhase phase,
    List<AgentMessage> messages,
    List<ToolCall> toolCalls,
    List<SubAgentExecution> subAgentExecutions,
    Usage usage,
    String error,
    Instant startedAt,
    Instant completedAt,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public AgentExecutionStatus {
    messages = Copies.list(messages);
    toolCalls = Copies.list(toolCalls);
    subAgentExecutions = Copies.list(subAgentExecutions);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A fresh status in phase PENDING. */
  public static AgentExecutionStatus pending() {
    return new AgentExecutionStatus(ExecutionPhase.PENDING, null, null, null, null, null, null, null,
        null);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code phase}; every other field is kept. */
  public AgentExecutionStatus withPhase(ExecutionPhase phase) {
    return toBuilder().phase(phase).build();
  }

  /** A copy with another {@code messages}; every other field is kept. */
  public AgentExecutionStatus withMessages(List<AgentMessage> messages) {
    return toBuilder().messages(messages).build();
  }

  /** A copy with another {@code toolCalls}; every other field is kept. */
  public AgentExecutionStatus withToolCalls(List<ToolCall> toolCalls) {
    return toBuilder().toolCalls(toolCalls).build();
  }

  /** A copy with another {@code subAgentExecutions}; every other field is kept. */
  public AgentExecutionStatus withSubAgentExecutions(List<SubAgentExecution> subAgentExecutions) {
    return toBuilder().subAgentExecutions(subAgentExecutions).build();
  }

  /** A copy with another {@code usage}; every other field is kept. */
  public AgentExecutionStatus withUsage(Usage usage) {
    return toBuilder().usage(usage).build();
  }

  /** A copy with another {@code error}; every other field is kept. */
  public AgentExecutionStatus withError(String error) {
    return toBuilder().error(error).build();
  }

  /** A copy with another {@code startedAt}; every other field is kept. */
  public AgentExecutionStatus withStartedAt(Instant startedAt) {
    return toBuilder().startedAt(startedAt).build();
  }

  /** A copy with another {@code completedAt}; every other field is kept. */
  public AgentExecutionStatus withCompletedAt(Instant completedAt) {
    return toBuilder().completedAt(completedAt).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public AgentExecutionStatus withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link AgentExecutionStatus} values; every setter is optional. */
  public static final class Builder {
    private ExecutionPhase phase;
    private List<AgentMessage> messages;
    private List<ToolCall> toolCalls;
    private List<SubAgentExecution> subAgentExecutions;
    private Usage usage;
    private String error;
    private Instant startedAt;
    private Instant completedAt;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(AgentExecutionStatus from) {
      phase = from.phase;
      messages = from.messages;
      toolCalls = from.toolCalls;
      subAgentExecutions = from.subAgentExecutions;
      usage = from.usage;
      error = from.error;
      startedAt = from.startedAt;
      completedAt = from.completedAt;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code phase}. */
    public Builder phase(ExecutionPhase value) {
      phase = value;
      return this;
    }

    /** Sets {@code messages}. */
    public Builder messages(List<AgentMessage> value) {
      messages = value;
      return this;
    }

    /** Sets {@code toolCalls}. */
    public Builder toolCalls(List<ToolCall> value) {
      toolCalls = value;
      return this;
    }

    /** Sets {@code subAgentExecutions}. */
    public Builder subAgentExecutions(List<SubAgentExecution> value) {
      subAgentExecutions = value;
      return this;
    }

    /** Sets {@code usage}. */
    public Builder usage(Usage value) {
      usage = value;
      return this;
    }

    /** Sets {@code error}. */
    public Builder error(String value) {
      error = value;
      return this;
    }

    /** Sets {@code startedAt}. */
    public Builder startedAt(Instant value) {
      startedAt = value;
      return this;
    }

    /** Sets {@code completedAt}. */
    public Builder completedAt(Instant value) {
      completedAt = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public AgentExecutionStatus build() {
      return new AgentExecutionStatus(phase, messages, toolCalls, subAgentExecutions, usage,
          error, startedAt, completedAt, unknownFields);
    }
  }
}
