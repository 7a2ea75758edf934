package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A tenant. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new OrganizationSpec("Acme", null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationSpec(
    String description,
    String logoUrl,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public OrganizationSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An organization spec with no unknown fields. */
  public OrganizationSpec(String description, String logoUrl) {
    this(description, logoUrl, null);
  }
}
