package dev.agentstore.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.List;

/**
 * The Workflow resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * Workflow w = store.workflows().create(Workflow.builder().org(org).name("deploy")
 *     .description("Deploys a service.").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record Workflow(Metadata metadata, WorkflowSpec spec, GenericStatus status) implements Resource<WorkflowSpec, GenericStatus> {
  @Override
  public Kind kind() {
    return Kind.WORKFLOW;
  }

  @Override
  public Workflow withMetadata(Metadata m) {
    return new Workflow(m, spec, status);
  }

  /** A copy with a new spec. */
  public Workflow withSpec(WorkflowSpec s) {
    return new Workflow(metadata, s, status);
  }

  /** A copy with a new status. */
  public Workflow withStatus(GenericStatus s) {
    return new Workflow(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public Workflow withLabel(String key, String value) {
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
   * Builds {@link Workflow} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private WorkflowSpec.Builder spec = WorkflowSpec.builder();
    private GenericStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(WorkflowSpec value) {
      spec = value == null ? WorkflowSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(GenericStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.description}. */
    public Builder description(String value) {
      spec.description(value);
      return this;
    }

    /** Sets {@code spec.document}. */
    public Builder document(WorkflowDocument value) {
      spec.document(value);
      return this;
    }

    /** Sets {@code spec.tasks}. */
    public Builder tasks(List<JsonNode> value) {
      spec.tasks(value);
      return this;
    }

    /** Sets {@code spec.envSpec}. */
    public Builder envSpec(JsonNode value) {
      spec.envSpec(value);
      return this;
    }

    /** The resource. */
    public Workflow build() {
      return new Workflow(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
