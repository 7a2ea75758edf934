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
 * <p>Usage:
 * <pre>{@code
 * Instant expiry = store.apiKeys().issue(org, "ci", null).key().spec().expiresAt();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeySpec(
    String keyHash,
    String fingerprint,
    String identityAccountId,
    Instant expiresAt,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public ApiKeySpec {
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

  /** A copy with another {@code keyHash}; every other field is kept. */
  public ApiKeySpec withKeyHash(String keyHash) {
    return toBuilder().keyHash(keyHash).build();
  }

  /** A copy with another {@code fingerprint}; every other field is kept. */
  public ApiKeySpec withFingerprint(String fingerprint) {
    return toBuilder().fingerprint(fingerprint).build();
  }

  /** A copy with another {@code identityAccountId}; every other field is kept. */
  public ApiKeySpec withIdentityAccountId(String identityAccountId) {
    return toBuilder().identityAccountId(identityAccountId).build();
  }

  /** A copy with another {@code expiresAt}; every other field is kept. */
  public ApiKeySpec withExpiresAt(Instant expiresAt) {
    return toBuilder().expiresAt(expiresAt).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public ApiKeySpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link ApiKeySpec} values; every setter is optional. */
  public static final class Builder {
    private String keyHash;
    private String fingerprint;
    private String identityAccountId;
    private Instant expiresAt;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(ApiKeySpec from) {
      keyHash = from.keyHash;
      fingerprint = from.fingerprint;
      identityAccountId = from.identityAccountId;
      expiresAt = from.expiresAt;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code keyHash}. */
    public Builder keyHash(String value) {
      keyHash = value;
      return this;
    }

    /** Sets {@code fingerprint}. */
    public Builder fingerprint(String value) {
      fingerprint = value;
      return this;
    }

    /** Sets {@code identityAccountId}. */
    public Builder identityAccountId(String value) {
      identityAccountId = value;
      return this;
    }

    /** Sets {@code expiresAt}. */
    public Builder expiresAt(Instant value) {
      expiresAt = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ApiKeySpec build() {
      return new ApiKeySpec(keyHash, fingerprint, identityAccountId, expiresAt, unknownFields);
    }
  }
}
