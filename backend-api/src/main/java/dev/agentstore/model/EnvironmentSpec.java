package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Named values, some of them secret (sealed before they reach a backend). JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * EnvironmentSpec s = EnvironmentSpec.builder().data(Map.of("TOKEN", EnvironmentValue
 *     .secret("s3cr3t"))).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentSpec(
    String description,
    Map<String, EnvironmentValue> data,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public EnvironmentSpec {
    data = Copies.map(data);
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

  /** A copy with another {@code description}; every other field is kept. */
  public EnvironmentSpec withDescription(String description) {
    return toBuilder().description(description).build();
  }

  /** A copy with another {@code data}; every other field is kept. */
  public EnvironmentSpec withData(Map<String, EnvironmentValue> data) {
    return toBuilder().data(data).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public EnvironmentSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link EnvironmentSpec} values; every setter is optional. */
  public static final class Builder {
    private String description;
    private Map<String, EnvironmentValue> data;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(EnvironmentSpec from) {
      description = from.description;
      data = from.data;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Sets {@code data}. */
    public Builder data(Map<String, EnvironmentValue> value) {
      data = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public EnvironmentSpec build() {
      return new EnvironmentSpec(description, data, unknownFields);
    }
  }
}
