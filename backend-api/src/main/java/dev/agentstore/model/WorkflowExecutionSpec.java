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
 * <p>Usage:
 * <pre>{@code
 * WorkflowExecutionSpec s = WorkflowExecutionSpec.builder().workflowInstanceId(instanceId)
 *     .triggerMessage("go").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowExecutionSpec(
    String workflowInstanceId,
    String workflowId,
    String triggerMessage,
    JsonNode triggerMetadata,
    Map<String, ExecutionValue> runtimeEnv,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public WorkflowExecutionSpec {
    triggerMetadata = Copies.node(triggerMetadata);
    runtimeEnv = Copies.map(runtimeEnv);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** {@code triggerMetadata}, as a copy: Jackson trees are mutable, and this value must not change. */
  public JsonNode triggerMetadata() {
    return Copies.node(triggerMetadata);
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

  /** A copy with another {@code workflowInstanceId}; every other field is kept. */
  public WorkflowExecutionSpec withWorkflowInstanceId(String workflowInstanceId) {
    return toBuilder().workflowInstanceId(workflowInstanceId).build();
  }

  /** A copy with another {@code workflowId}; every other field is kept. */
  public WorkflowExecutionSpec withWorkflowId(String workflowId) {
    return toBuilder().workflowId(workflowId).build();
  }

  /** A copy with another {@code triggerMessage}; every other field is kept. */
  public WorkflowExecutionSpec withTriggerMessage(String triggerMessage) {
    return toBuilder().triggerMessage(triggerMessage).build();
  }

  /** A copy with another {@code triggerMetadata}; every other field is kept. */
  public WorkflowExecutionSpec withTriggerMetadata(JsonNode triggerMetadata) {
    return toBuilder().triggerMetadata(triggerMetadata).build();
  }

  /** A copy with another {@code runtimeEnv}; every other field is kept. */
  public WorkflowExecutionSpec withRuntimeEnv(Map<String, ExecutionValue> runtimeEnv) {
    return toBuilder().runtimeEnv(runtimeEnv).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public WorkflowExecutionSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link WorkflowExecutionSpec} values; every setter is optional. */
  public static final class Builder {
    private String workflowInstanceId;
    private String workflowId;
    private String triggerMessage;
    private JsonNode triggerMetadata;
    private Map<String, ExecutionValue> runtimeEnv;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(WorkflowExecutionSpec from) {
      workflowInstanceId = from.workflowInstanceId;
      workflowId = from.workflowId;
      triggerMessage = from.triggerMessage;
      triggerMetadata = from.triggerMetadata;
      runtimeEnv = from.runtimeEnv;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code workflowInstanceId}. */
    public Builder workflowInstanceId(String value) {
      workflowInstanceId = value;
      return this;
    }

    /** Sets {@code workflowId}. */
    public Builder workflowId(String value) {
      workflowId = value;
      return this;
    }

    /** Sets {@code triggerMessage}. */
    public Builder triggerMessage(String value) {
      triggerMessage = value;
      return this;
    }

    /** Sets {@code triggerMetadata}. */
    public Builder triggerMetadata(JsonNode value) {
      triggerMetadata = value;
      return this;
    }

    /** Sets {@code runtimeEnv}. */
    public Builder runtimeEnv(Map<String, ExecutionValue> value) {
      runtimeEnv = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public WorkflowExecutionSpec build() {
      return new WorkflowExecutionSpec(workflowInstanceId, workflowId, triggerMessage,
          triggerMetadata, runtimeEnv, unknownFields);
    }
  }
}
