package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The status of kinds whose status has no fixed fields: every field is kept as given. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code GenericStatus s = GenericStatus.builder().message("ready").build();}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenericStatus(
    String message,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public GenericStatus {
    unknownFields = Copies.unknown(unknownFields);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A status with no fields. */
  public static GenericStatus empty() {
    return new GenericStatus(null, null);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code message}; every other field is kept. */
  public GenericStatus withMessage(String message) {
    return toBuilder().message(message).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public GenericStatus withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link GenericStatus} values; every setter is optional. */
  public static final class Builder {
    private String message;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(GenericStatus from) {
      message = from.message;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code message}. */
    public Builder message(String value) {
      message = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public GenericStatus build() {
      return new GenericStatus(message, unknownFields);
    }
  }
}
