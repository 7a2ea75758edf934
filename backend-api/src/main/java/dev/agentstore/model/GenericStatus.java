package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The status of kinds whose status has no fixed fields: every field is kept as given. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code GenericStatus.empty()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenericStatus(
    String message,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public GenericStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A status with no fields. */
  public static GenericStatus empty() {
    return new GenericStatus(null, null);
  }
}
