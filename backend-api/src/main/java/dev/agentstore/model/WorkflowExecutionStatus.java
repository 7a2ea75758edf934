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
 * <p>Usage: {@code WorkflowExecutionStatus.pending()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowExecutionStatus(
    ExecutionPhase phase,
    List<WorkflowTask> tasks,
    JsonNode output,
    String error,
    Instant startedAt,
    Instant completedAt,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public WorkflowExecutionStatus {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A fresh status in phase PENDING. */
  public static WorkflowExecutionStatus pending() {
    return new WorkflowExecutionStatus(ExecutionPhase.PENDING, null, null, null, null, null, null);
  }

  /** A copy in another phase. */
  public WorkflowExecutionStatus withPhase(ExecutionPhase newPhase) {
    return new WorkflowExecutionStatus(newPhase, tasks, output, error, startedAt, completedAt,
        unknownFields);
  }
}
