package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Model settings of one agent execution. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new ExecutionConfig("gpt-4o")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionConfig(
    String model,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public ExecutionConfig {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A config naming the model. */
  public ExecutionConfig(String model) {
    this(model, null);
  }
}
