package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An MCP server an agent can use: stdio, http or docker. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new McpServerSpec(McpServerType.HTTP, "https://mcp.example", null, List.of("search"), null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServerSpec(
    McpServerType type,
    String endpoint,
    List<String> command,
    List<String> defaultTools,
    JsonNode envSpec,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public McpServerSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An MCP server spec with no unknown fields. */
  public McpServerSpec(McpServerType type, String endpoint, List<String> command,
      List<String> defaultTools, JsonNode envSpec) {
    this(type, endpoint, command, defaultTools, envSpec, null);
  }
}
