package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.List;

/**
 * The WorkflowInstance resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * WorkflowInstance i = store.workflowInstances().create(WorkflowInstance.builder().org(org)
 *     .name("prod").workflowId(workflowId).build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record WorkflowInstance(Metadata metadata, WorkflowInstanceSpec spec, GenericStatus status) implements Resource<WorkflowInstanceSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.WORKFLOW_INSTANCE;
  }

  @Override
  public WorkflowInstance withMetadata(Metadata m) {
    return new WorkflowInstance(m, spec, status);
  }

  /** A copy with a new spec. */
  public WorkflowInstance withSpec(WorkflowInstanceSpec s) {
    return new WorkflowInstance(metadata, s, status);
  }

  /** A copy with a new status. */
  public WorkflowInstance withStatus(GenericStatus s) {
    return new WorkflowInstance(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public WorkflowInstance withLabel(String key, String value) {
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
   * Builds {@link WorkflowInstance} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private WorkflowInstanceSpec.Builder spec = WorkflowInstanceSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(WorkflowInstanceSpec value) {
      spec = value == null ? WorkflowInstanceSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.workflowId}. */
    public Builder workflowId(String value) {
      spec.workflowId(value);
      return this;
    }

    /** Sets {@code spec.description}. */
    public Builder description(String value) {
      spec.description(value);
      return this;
    }

    /** Sets {@code spec.environmentRefs}. */
    public Builder environmentRefs(List<String> value) {
      spec.environmentRefs(value);
      return this;
    }

    /** The resource. */
    public WorkflowInstance build() {
      return new WorkflowInstance(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
