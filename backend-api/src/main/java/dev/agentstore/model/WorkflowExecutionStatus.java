package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The progress of a workflow execution: phase, tasks, output. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * WorkflowExecutionStatus s = WorkflowExecutionStatus.pending().withError("failed");
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowExecutionStatus(
    ExecutionPhase phase,
    List<WorkflowTask> tasks,
    JsonNode output,
    String error,
    Instant startedAt,
    Instant completedAt,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public WorkflowExecutionStatus {
    tasks = Copies.list(tasks);
    output = Copies.node(output);
    unknownFields = Copies.unknown(unknownFields);
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

  /** A fresh status in phase PENDING. */
  public static WorkflowExecutionStatus pending() {
    return new WorkflowExecutionStatus(ExecutionPhase.PENDING, null, null, null, null, null, null);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields, unknown fields included. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code phase}; every other field is kept. */
  public WorkflowExecutionStatus withPhase(ExecutionPhase phase) {
    return toBuilder().phase(phase).build();
  }

  /** A copy with another {@code tasks}; every other field is kept. */
  public WorkflowExecutionStatus withTasks(List<WorkflowTask> tasks) {
    return toBuilder().tasks(tasks).build();
  }

  /** A copy with another {@code output}; every other field is kept. */
  public WorkflowExecutionStatus withOutput(JsonNode output) {
    return toBuilder().output(output).build();
  }

  /** A copy with another {@code error}; every other field is kept. */
  public WorkflowExecutionStatus withError(String error) {
    return toBuilder().error(error).build();
  }

  /** A copy with another {@code startedAt}; every other field is kept. */
  public WorkflowExecutionStatus withStartedAt(Instant startedAt) {
    return toBuilder().startedAt(startedAt).build();
  }

  /** A copy with another {@code completedAt}; every other field is kept. */
  public WorkflowExecutionStatus withCompletedAt(Instant completedAt) {
    return toBuilder().completedAt(completedAt).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public WorkflowExecutionStatus withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link WorkflowExecutionStatus} values; every setter is optional. */
  public static final class Builder {
    private ExecutionPhase phase;
    private List<WorkflowTask> tasks;
    private JsonNode output;
    private String error;
    private Instant startedAt;
    private Instant completedAt;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(WorkflowExecutionStatus from) {
      phase = from.phase;
      tasks = from.tasks;
      output = from.output;
      error = from.error;
      startedAt = from.startedAt;
      completedAt = from.completedAt;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code phase}. */
    public Builder phase(ExecutionPhase value) {
      phase = value;
      return this;
    }

    /** Sets {@code tasks}. */
    public Builder tasks(List<WorkflowTask> value) {
      tasks = value;
      return this;
    }

    /** Sets {@code output}. */
    public Builder output(JsonNode value) {
      output = value;
      return this;
    }

    /** Sets {@code error}. */
    public Builder error(String value) {
      error = value;
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

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public WorkflowExecutionStatus build() {
      return new WorkflowExecutionStatus(phase, tasks, output, error, startedAt, completedAt,
          unknownFields);
    }
  }
}
