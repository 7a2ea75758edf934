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
 * <p>Usage:
 * <pre>{@code
 * SkillSpec s = SkillSpec.builder().markdown("# How to deploy").tag("v1").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillSpec(
    String markdown,
    String tag,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public SkillSpec {
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

  /** A copy with another {@code markdown}; every other field is kept. */
  public SkillSpec withMarkdown(String markdown) {
    return toBuilder().markdown(markdown).build();
  }

  /** A copy with another {@code tag}; every other field is kept. */
  public SkillSpec withTag(String tag) {
    return toBuilder().tag(tag).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public SkillSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link SkillSpec} values; every setter is optional. */
  public static final class Builder {
    private String markdown;
    private String tag;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(SkillSpec from) {
      markdown = from.markdown;
      tag = from.tag;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code markdown}. */
    public Builder markdown(String value) {
      markdown = value;
      return this;
    }

    /** Sets {@code tag}. */
    public Builder tag(String value) {
      tag = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public SkillSpec build() {
      return new SkillSpec(markdown, tag, unknownFields);
    }
  }
}
