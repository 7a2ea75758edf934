package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Where a skill package stands. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * SkillStatus s = SkillStatus.builder().versionHash(sha256).state(SkillState.READY).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillStatus(
    String versionHash,
    String artifactKey,
    SkillState state,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public SkillStatus {
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

  /** A copy with another {@code versionHash}; every other field is kept. */
  public SkillStatus withVersionHash(String versionHash) {
    return toBuilder().versionHash(versionHash).build();
  }

  /** A copy with another {@code artifactKey}; every other field is kept. */
  public SkillStatus withArtifactKey(String artifactKey) {
    return toBuilder().artifactKey(artifactKey).build();
  }

  /** A copy with another {@code state}; every other field is kept. */
  public SkillStatus withState(SkillState state) {
    return toBuilder().state(state).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public SkillStatus withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link SkillStatus} values; every setter is optional. */
  public static final class Builder {
    private String versionHash;
    private String artifactKey;
    private SkillState state;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(SkillStatus from) {
      versionHash = from.versionHash;
      artifactKey = from.artifactKey;
      state = from.state;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code versionHash}. */
    public Builder versionHash(String value) {
      versionHash = value;
      return this;
    }

    /** Sets {@code artifactKey}. */
    public Builder artifactKey(String value) {
      artifactKey = value;
      return this;
    }

    /** Sets {@code state}. */
    public Builder state(SkillState value) {
      state = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public SkillStatus build() {
      return new SkillStatus(versionHash, artifactKey, state, unknownFields);
    }
  }
}
