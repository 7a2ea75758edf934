package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The outcome of validating an MCP server. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new McpServerStatus("VALID", "ok")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServerStatus(
    String validationState,
    String message,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public McpServerStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A status with no unknown fields. */
  public McpServerStatus(String validationState, String message) {
    this(validationState, message, null);
  }
}
