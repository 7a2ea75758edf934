package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of an agent execution's message stream. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code AgentMessage.of(MessageType.HUMAN, "hi", Instant.now())}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentMessage(
    MessageType type,
    String content,
    Instant timestamp,
    List<ToolCall> toolCalls,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public AgentMessage {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A message without tool calls or unknown fields. */
  public static AgentMessage of(MessageType type, String content, Instant timestamp) {
    return new AgentMessage(type, content, timestamp, null, null);
  }
}
