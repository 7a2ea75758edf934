package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Model settings of one agent execution. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code ExecutionConfig c = ExecutionConfig.builder().model("gpt-4o").build();}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionConfig(
    String model,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public ExecutionConfig {
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

  /** A copy with another {@code model}; every other field is kept. */
  public ExecutionConfig withModel(String model) {
    return toBuilder().model(model).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public ExecutionConfig withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link ExecutionConfig} values; every setter is optional. */
  public static final class Builder {
    private String model;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(ExecutionConfig from) {
      model = from.model;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code model}. */
    public Builder model(String value) {
      model = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ExecutionConfig build() {
      return new ExecutionConfig(model, unknownFields);
    }
  }
}
