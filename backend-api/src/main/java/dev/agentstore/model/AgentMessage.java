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
 * <p>Usage:
 * <pre>{@code
 * AgentMessage m = AgentMessage.builder().type(MessageType.HUMAN).content("hi")
 *     .timestamp(Instant.now()).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentMessage(
    MessageType type,
    String content,
    Instant timestamp,
    List<ToolCall> toolCalls,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public AgentMessage {
    toolCalls = Copies.list(toolCalls);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A message without tool calls or unknown fields. */
  public static AgentMessage of(MessageType type, String content, Instant timestamp) {
    return new AgentMessage(type, content, timestamp, null, null);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code type}; every other field is kept. */
  public AgentMessage withType(MessageType type) {
    return toBuilder().type(type).build();
  }

  /** A copy with another {@code content}; every other field is kept. */
  public AgentMessage withContent(String content) {
    return toBuilder().content(content).build();
  }

  /** A copy with another {@code timestamp}; every other field is kept. */
  public AgentMessage withTimestamp(Instant timestamp) {
    return toBuilder().timestamp(timestamp).build();
  }

  /** A copy with another {@code toolCalls}; every other field is kept. */
  public AgentMessage withToolCalls(List<ToolCall> toolCalls) {
    return toBuilder().toolCalls(toolCalls).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public AgentMessage withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link AgentMessage} values; every setter is optional. */
  public static final class Builder {
    private MessageType type;
    private String content;
    private Instant timestamp;
    private List<ToolCall> toolCalls;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(AgentMessage from) {
      type = from.type;
      content = from.content;
      timestamp = from.timestamp;
      toolCalls = from.toolCalls;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code type}. */
    public Builder type(MessageType value) {
      type = value;
      return this;
    }

    /** Sets {@code content}. */
    public Builder content(String value) {
      content = value;
      return this;
    }

    /** Sets {@code timestamp}. */
    public Builder timestamp(Instant value) {
      timestamp = value;
      return this;
    }

    /** Sets {@code toolCalls}. */
    public Builder toolCalls(List<ToolCall> value) {
      toolCalls = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public AgentMessage build() {
      return new AgentMessage(type, content, timestamp, toolCalls, unknownFields);
    }
  }
}
