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
 * <p>Usage: {@code WorkflowTask.pending("t1", "validate", "API_CALL")}
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
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public WorkflowTask {
    unknownFields = Unknown.orEmpty(unknownFields);
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
}
