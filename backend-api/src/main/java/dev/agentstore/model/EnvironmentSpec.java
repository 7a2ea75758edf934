package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Named values, some of them secret (sealed before they reach a backend). JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new EnvironmentSpec("prod", Map.of("TOKEN", EnvironmentValue.secret("s3cr3t")))}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentSpec(
    String description,
    Map<String, EnvironmentValue> data,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public EnvironmentSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An environment spec with no unknown fields. */
  public EnvironmentSpec(String description, Map<String, EnvironmentValue> data) {
    this(description, data, null);
  }
}
