package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One tool invocation of an agent execution, upserted by its id. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * ToolCall c = ToolCall.pending("call-1", "search", args).withStartedAt(Instant.now());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(
    String id,
    String name,
    JsonNode args,
    String result,
    ToolCallStatus status,
    Instant startedAt,
    Instant completedAt,
    String error,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public ToolCall {
    args = Copies.node(args);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** {@code args}, as a copy: Jackson trees are mutable, and this value must not change. */
  public JsonNode args() {
    return Copies.node(args);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A new, pending tool call. */
  public static ToolCall pending(String id, String name, JsonNode args) {
    return new ToolCall(id, name, args, null, ToolCallStatus.PENDING, null, null, null, null);
  }

  /** A copy with a new status, result and completion time. */
  public ToolCall finished(ToolCallStatus newStatus, String newResult, Instant at) {
    return new ToolCall(id, name, args, newResult, newStatus, startedAt, at, error, unknownFields);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code id}; every other field is kept. */
  public ToolCall withId(String id) {
    return toBuilder().id(id).build();
  }

  /** A copy with another {@code name}; every other field is kept. */
  public ToolCall withName(String name) {
    return toBuilder().name(name).build();
  }

  /** A copy with another {@code args}; every other field is kept. */
  public ToolCall withArgs(JsonNode args) {
    return toBuilder().args(args).build();
  }

  /** A copy with another {@code result}; every other field is kept. */
  public ToolCall withResult(String result) {
    return toBuilder().result(result).build();
  }

  /** A copy with another {@code status}; every other field is kept. */
  public ToolCall withStatus(ToolCallStatus status) {
    return toBuilder().status(status).build();
  }

  /** A copy with another {@code startedAt}; every other field is kept. */
  public ToolCall withStartedAt(Instant startedAt) {
    return toBuilder().startedAt(startedAt).build();
  }

  /** A copy with another {@code completedAt}; every other field is kept. */
  public ToolCall withCompletedAt(Instant completedAt) {
    return toBuilder().completedAt(completedAt).build();
  }

  /** A copy with another {@code error}; every other field is kept. */
  public ToolCall withError(String error) {
    return toBuilder().error(error).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public ToolCall withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link ToolCall} values; every setter is optional. */
  public static final class Builder {
    private String id;
    private String name;
    private JsonNode args;
    private String result;
    private ToolCallStatus status;
    private Instant startedAt;
    private Instant completedAt;
    private String error;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(ToolCall from) {
      id = from.id;
      name = from.name;
      args = from.args;
      result = from.result;
      status = from.status;
      startedAt = from.startedAt;
      completedAt = from.completedAt;
      error = from.error;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code id}. */
    public Builder id(String value) {
      id = value;
      return this;
    }

    /** Sets {@code name}. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** Sets {@code args}. */
    public Builder args(JsonNode value) {
      args = value;
      return this;
    }

    /** Sets {@code result}. */
    public Builder result(String value) {
      result = value;
      return this;
    }

    /** Sets {@code status}. */
    public Builder status(ToolCallStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code startedAt}. */
    public Builder startedAt(Instant value) {
      startedAt = value;
      return this;
    }

    /** Sets {@code completedAt}. */
    public Builder completedAt(Instant value) {
      completedAt = value;
      return this;
    }

    /** Sets {@code error}. */
    public Builder error(String value) {
      error = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ToolCall build() {
      return new ToolCall(id, name, args, result, status, startedAt, completedAt, error,
          unknownFields);
    }
  }
}
