package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a workflow execution was triggered with. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new WorkflowExecutionSpec(instanceId, workflowId, "go", null, null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowExecutionSpec(
    String workflowInstanceId,
    String workflowId,
    String triggerMessage,
    JsonNode triggerMetadata,
    Map<String, ExecutionValue> runtimeEnv,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public WorkflowExecutionSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An execution spec with no unknown fields. */
  public WorkflowExecutionSpec(String workflowInstanceId, String workflowId, String triggerMessage,
      JsonNode triggerMetadata, Map<String, ExecutionValue> runtimeEnv) {
    this(workflowInstanceId, workflowId, triggerMessage, triggerMetadata, runtimeEnv, null);
  }
}
