package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The outcome of validating an MCP server. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * McpServerStatus s = McpServerStatus.builder().validationState("VALID").message("ok")
 *     .build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServerStatus(
    String validationState,
    String message,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public McpServerStatus {
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

  /** A copy with another {@code validationState}; every other field is kept. */
  public McpServerStatus withValidationState(String validationState) {
    return toBuilder().validationState(validationState).build();
  }

  /** A copy with another {@code message}; every other field is kept. */
  public McpServerStatus withMessage(String message) {
    return toBuilder().message(message).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public McpServerStatus withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link McpServerStatus} values; every setter is optional. */
  public static final class Builder {
    private String validationState;
    private String message;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(McpServerStatus from) {
      validationState = from.validationState;
      message = from.message;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code validationState}. */
    public Builder validationState(String value) {
      validationState = value;
      return this;
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
    public McpServerStatus build() {
      return new McpServerStatus(validationState, message, unknownFields);
    }
  }
}
