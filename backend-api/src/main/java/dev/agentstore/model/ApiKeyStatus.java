package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * When an API key was last used, and whether it was revoked. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new ApiKeyStatus(Instant.now(), null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyStatus(
    Instant lastUsedAt,
    Instant revokedAt,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public ApiKeyStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A key status with no unknown fields. */
  public ApiKeyStatus(Instant lastUsedAt, Instant revokedAt) {
    this(lastUsedAt, revokedAt, null);
  }
}
