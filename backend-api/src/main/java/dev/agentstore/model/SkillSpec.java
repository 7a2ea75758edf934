package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Knowledge injected into an agent: markdown and a tag. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new SkillSpec("# How to deploy", "v1")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillSpec(
    String markdown,
    String tag,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public SkillSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A skill spec with no unknown fields. */
  public SkillSpec(String markdown, String tag) {
    this(markdown, tag, null);
  }
}
