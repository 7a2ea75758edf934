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
 * <p>Usage: {@code new AgentExecutionSpec(sessionId, agentId, "hello", new ExecutionConfig("m"), null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentExecutionSpec(
    String sessionId,
    String agentId,
    String message,
    ExecutionConfig config,
    Map<String, ExecutionValue> runtimeEnv,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public AgentExecutionSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An execution spec with no unknown fields. */
  public AgentExecutionSpec(String sessionId, String agentId, String message, ExecutionConfig config,
      Map<String, ExecutionValue> runtimeEnv) {
    this(sessionId, agentId, message, config, runtimeEnv, null);
  }
}
