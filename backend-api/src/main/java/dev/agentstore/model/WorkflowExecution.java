package dev.agentstore.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.Map;

/**
 * The WorkflowExecution resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * WorkflowExecution x = store.workflowExecutions().create(WorkflowExecution.builder().org(org)
 *     .name("run").workflowInstanceId(instanceId).triggerMessage("go").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record WorkflowExecution(Metadata metadata, WorkflowExecutionSpec spec, WorkflowExecutionStatus status) implements Resource<WorkflowExecutionSpec, WorkflowExecutionStatus> {
  @Override
  public Kind kind() {
    return Kind.WORKFLOW_EXECUTION;
  }

  @Override
  public WorkflowExecution withMetadata(Metadata m) {
    return new WorkflowExecution(m, spec, status);
  }

  /** A copy with a new spec. */
  public WorkflowExecution withSpec(WorkflowExecutionSpec s) {
    return new WorkflowExecution(metadata, s, status);
  }

  /** A copy with a new status. */
  public WorkflowExecution withStatus(WorkflowExecutionStatus s) {
    return new WorkflowExecution(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public WorkflowExecution withLabel(String key, String value) {
    return withMetadata(metadata.withLabel(key, value));
  }

  /** A builder for a new resource. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this resource's metadata, spec and status. */
  public Builder toBuilder() {
    return new Builder().metadata(metadata).spec(spec).status(status);
  }

  /**
   * Builds {@link WorkflowExecution} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private WorkflowExecutionSpec.Builder spec = WorkflowExecutionSpec.builder();
    private WorkflowExecutionStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(WorkflowExecutionSpec value) {
      spec = value == null ? WorkflowExecutionSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(WorkflowExecutionStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.workflowInstanceId}. */
    public Builder workflowInstanceId(String value) {
      spec.workflowInstanceId(value);
      return this;
    }

    /** Sets {@code spec.workflowId}. */
    public Builder workflowId(String value) {
      spec.workflowId(value);
      return this;
    }

    /** Sets {@code spec.triggerMessage}. */
    public Builder triggerMessage(String value) {
      spec.triggerMessage(value);
      return this;
    }

    /** Sets {@code spec.triggerMetadata}. */
    public Builder triggerMetadata(JsonNode value) {
      spec.triggerMetadata(value);
      return this;
    }

    /** Sets {@code spec.runtimeEnv}. */
    public Builder runtimeEnv(Map<String, ExecutionValue> value) {
      spec.runtimeEnv(value);
      return this;
    }

    /** The resource. */
    public WorkflowExecution build() {
      return new WorkflowExecution(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
