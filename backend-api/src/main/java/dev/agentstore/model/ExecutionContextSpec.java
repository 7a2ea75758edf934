package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Ephemeral runtime values of one execution; deleted when the execution ends. {@code executionId}
 * is required and must name an unfinished execution of the same org (else
 * {@code FailedPreconditionException}). JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * ExecutionContextSpec s = ExecutionContextSpec.builder().executionId(executionId).data(Map
 *     .of("KEY", ExecutionValue.secret("x"))).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionContextSpec(
    String executionId,
    Map<String, ExecutionValue> data,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public ExecutionContextSpec {
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

  /** A copy with another {@code executionId}; every other field is kept. */
  public ExecutionContextSpec withExecutionId(String executionId) {
    return toBuilder().executionId(executionId).build();
  }

  /** A copy with another {@code data}; every other field is kept. */
  public ExecutionContextSpec withData(Map<String, ExecutionValue> data) {
    return toBuilder().data(data).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public ExecutionContextSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link ExecutionContextSpec} values; every setter is optional. */
  public static final class Builder {
    private String executionId;
    private Map<String, ExecutionValue> data;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(ExecutionContextSpec from) {
      executionId = from.executionId;
      data = from.data;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code executionId}. */
    public Builder executionId(String value) {
      executionId = value;
      return this;
    }

    /** Sets {@code data}. */
    public Builder data(Map<String, ExecutionValue> value) {
      data = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ExecutionContextSpec build() {
      return new ExecutionContextSpec(executionId, data, unknownFields);
    }
  }
}
