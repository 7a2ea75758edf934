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
 * <p>Usage: {@code ApiKeyStatus s = ApiKeyStatus.builder().lastUsedAt(Instant.now()).build();}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyStatus(
    Instant lastUsedAt,
    Instant revokedAt,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public ApiKeyStatus {
    unknownFields = Copies.unknown(unknownFields);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code lastUsedAt}; every other field is kept. */
  public ApiKeyStatus withLastUsedAt(Instant lastUsedAt) {
    return toBuilder().lastUsedAt(lastUsedAt).build();
  }

  /** A copy with another {@code revokedAt}; every other field is kept. */
  public ApiKeyStatus withRevokedAt(Instant revokedAt) {
    return toBuilder().revokedAt(revokedAt).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public ApiKeyStatus withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link ApiKeyStatus} values; every setter is optional. */
  public static final class Builder {
    private Instant lastUsedAt;
    private Instant revokedAt;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(ApiKeyStatus from) {
      lastUsedAt = from.lastUsedAt;
      revokedAt = from.revokedAt;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code lastUsedAt}. */
    public Builder lastUsedAt(Instant value) {
      lastUsedAt = value;
      return this;
    }

    /** Sets {@code revokedAt}. */
    public Builder revokedAt(Instant value) {
      revokedAt = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ApiKeyStatus build() {
      return new ApiKeyStatus(lastUsedAt, revokedAt, unknownFields);
    }
  }
}
