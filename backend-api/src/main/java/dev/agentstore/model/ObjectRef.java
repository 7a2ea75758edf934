package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A reference to a principal or resource by kind and id. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new ObjectRef("IdentityAccount", "ida-...")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRef(
    String kind,
    String id,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public ObjectRef {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A reference with no unknown fields. */
  public ObjectRef(String kind, String id) {
    this(kind, id, null);
  }
}
