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
 * <p>Usage: {@code new SkillStatus(sha256, "skl-.../pkg.zip", SkillState.READY)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillStatus(
    String versionHash,
    String artifactKey,
    SkillState state,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public SkillStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A skill status with no unknown fields. */
  public SkillStatus(String versionHash, String artifactKey, SkillState state) {
    this(versionHash, artifactKey, state, null);
  }
}
