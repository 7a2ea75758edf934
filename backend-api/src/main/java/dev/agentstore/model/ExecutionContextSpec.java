package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Ephemeral runtime values of one execution; deleted when the execution ends. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new ExecutionContextSpec(executionId, Map.of("KEY", ExecutionValue.secret("x")))}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionContextSpec(
    String executionId,
    Map<String, ExecutionValue> data,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public ExecutionContextSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A context spec with no unknown fields. */
  public ExecutionContextSpec(String executionId, Map<String, ExecutionValue> data) {
    this(executionId, data, null);
  }
}
