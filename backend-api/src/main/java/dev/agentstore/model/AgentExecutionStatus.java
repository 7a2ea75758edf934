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
 * <p>Usage: {@code AgentExecutionStatus.pending()}
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
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public AgentExecutionStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A fresh status in phase PENDING. */
  public static AgentExecutionStatus pending() {
    return new AgentExecutionStatus(ExecutionPhase.PENDING, null, null, null, null, null, null, null,
        null);
  }

  /** A copy in another phase. */
  public AgentExecutionStatus withPhase(ExecutionPhase newPhase) {
    return new AgentExecutionStatus(newPhase, messages, toolCalls, subAgentExecutions, usage,
        error, startedAt, completedAt, unknownFields);
  }
}
