package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One tool invocation of an agent execution, upserted by its id. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code ToolCall.pending("call-1", "search", args)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(
    String id,
    String name,
    JsonNode args,
    String result,
    ToolCallStatus status,
    Instant startedAt,
    Instant completedAt,
    String error,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public ToolCall {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A new, pending tool call. */
  public static ToolCall pending(String id, String name, JsonNode args) {
    return new ToolCall(id, name, args, null, ToolCallStatus.PENDING, null, null, null, null);
  }

  /** A copy with a new status, result and completion time. */
  public ToolCall finished(ToolCallStatus newStatus, String newResult, Instant at) {
    return new ToolCall(id, name, args, newResult, newStatus, startedAt, at, error, unknownFields);
  }
}
