package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * An API key record: only a keyed hash and a short fingerprint, never the key. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code store.apiKeys().issue(org, "ci", null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeySpec(
    String keyHash,
    String fingerprint,
    String identityAccountId,
    Instant expiresAt,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public ApiKeySpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A key spec with no unknown fields. */
  public ApiKeySpec(String keyHash, String fingerprint, String identityAccountId,
      Instant expiresAt) {
    this(keyHash, fingerprint, identityAccountId, expiresAt, null);
  }
}
