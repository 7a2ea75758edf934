package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One task of a workflow execution, upserted by its id. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * WorkflowTask t = WorkflowTask.pending("t1", "validate", "API_CALL").withStartedAt(Instant
 *     .now());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTask(
    String id,
    String name,
    String type,
    JsonNode input,
    JsonNode output,
    TaskStatus status,
    Instant startedAt,
    Instant completedAt,
    String error,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public WorkflowTask {
    input = Copies.node(input);
    output = Copies.node(output);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** {@code input}, as a copy: Jackson trees are mutable, and this value must not change. */
  public JsonNode input() {
    return Copies.node(input);
  }

  /** {@code output}, as a copy: Jackson trees are mutable, and this value must not change. */
  public JsonNode output() {
    return Copies.node(output);
  }

  /** The JSON fields this record does not know, as copies, written back unchanged. */
  @JsonAnyGetter
  public Map<String, JsonNode> unknownFields() {
    return Copies.unknown(unknownFields);
  }

  /** A new, pending task. */
  public static WorkflowTask pending(String id, String name, String type) {
    return new WorkflowTask(id, name, type, null, null, TaskStatus.PENDING, null, null, null, null);
  }

  /** A copy with a new status, output and completion time. */
  public WorkflowTask finished(TaskStatus newStatus, JsonNode newOutput, Instant at) {
    return new WorkflowTask(id, name, type, input, newOutput, newStatus, startedAt, at, error,
        unknownFields);
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
  public WorkflowTask withId(String id) {
    return toBuilder().id(id).build();
  }

  /** A copy with another {@code name}; every other field is kept. */
  public WorkflowTask withName(String name) {
    return toBuilder().name(name).build();
  }

  /** A copy with another {@code type}; every other field is kept. */
  public WorkflowTask withType(String type) {
    return toBuilder().type(type).build();
  }

  /** A copy with another {@code input}; every other field is kept. */
  public WorkflowTask withInput(JsonNode input) {
    return toBuilder().input(input).build();
  }

  /** A copy with another {@code output}; every other field is kept. */
  public WorkflowTask withOutput(JsonNode output) {
    return toBuilder().output(output).build();
  }

  /** A copy with another {@code status}; every other field is kept. */
  public WorkflowTask withStatus(TaskStatus status) {
    return toBuilder().status(status).build();
  }

  /** A copy with another {@code startedAt}; every other field is kept. */
  public WorkflowTask withStartedAt(Instant startedAt) {
    return toBuilder().startedAt(startedAt).build();
  }

  /** A copy with another {@code completedAt}; every other field is kept. */
  public WorkflowTask withCompletedAt(Instant completedAt) {
    return toBuilder().completedAt(completedAt).build();
  }

  /** A copy with another {@code error}; every other field is kept. */
  public WorkflowTask withError(String error) {
    return toBuilder().error(error).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public WorkflowTask withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link WorkflowTask} values; every setter is optional. */
  public static final class Builder {
    private String id;
    private String name;
    private String type;
    private JsonNode input;
    private JsonNode output;
    private TaskStatus status;
    private Instant startedAt;
    private Instant completedAt;
    private String error;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(WorkflowTask from) {
      id = from.id;
      name = from.name;
      type = from.type;
      input = from.input;
      output = from.output;
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

    /** Sets {@code type}. */
    public Builder type(String value) {
      type = value;
      return this;
    }

    /** Sets {@code input}. */
    public Builder input(JsonNode value) {
      input = value;
      return this;
    }

    /** Sets {@code output}. */
    public Builder output(JsonNode value) {
      output = value;
      return this;
    }

    /** Sets {@code status}. */
    public Builder status(TaskStatus value) {
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
    public WorkflowTask build() {
      return new WorkflowTask(id, name, type, input, output, status, startedAt, completedAt,
          error, unknownFields);
    }
  }
}
