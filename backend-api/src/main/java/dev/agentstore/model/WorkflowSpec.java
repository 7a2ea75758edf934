package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A workflow template: its document, tasks and required environment. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * WorkflowSpec s = WorkflowSpec.builder().description("deploys").document(doc).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSpec(
    String description,
    WorkflowDocument document,
    List<JsonNode> tasks,
    JsonNode envSpec,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public WorkflowSpec {
    tasks = Copies.nodes(tasks);
    envSpec = Copies.node(envSpec);
    unknownFields = Copies.unknown(unknownFields);
  }

  /** {@code tasks}, as a copy: Jackson trees are mutable, and this value must not change. */
  public List<JsonNode> tasks() {
    return Copies.nodes(tasks);
  }

  /** {@code envSpec}, as a copy: Jackson trees are mutable, and this value must not change. */
  public JsonNode envSpec() {
    return Copies.node(envSpec);
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

  /** A copy with another {@code description}; every other field is kept. */
  public WorkflowSpec withDescription(String description) {
    return toBuilder().description(description).build();
  }

  /** A copy with another {@code document}; every other field is kept. */
  public WorkflowSpec withDocument(WorkflowDocument document) {
    return toBuilder().document(document).build();
  }

  /** A copy with another {@code tasks}; every other field is kept. */
  public WorkflowSpec withTasks(List<JsonNode> tasks) {
    return toBuilder().tasks(tasks).build();
  }

  /** A copy with another {@code envSpec}; every other field is kept. */
  public WorkflowSpec withEnvSpec(JsonNode envSpec) {
    return toBuilder().envSpec(envSpec).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public WorkflowSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link WorkflowSpec} values; every setter is optional. */
  public static final class Builder {
    private String description;
    private WorkflowDocument document;
    private List<JsonNode> tasks;
    private JsonNode envSpec;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(WorkflowSpec from) {
      description = from.description;
      document = from.document;
      tasks = from.tasks;
      envSpec = from.envSpec;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Sets {@code document}. */
    public Builder document(WorkflowDocument value) {
      document = value;
      return this;
    }

    /** Sets {@code tasks}. */
    public Builder tasks(List<JsonNode> value) {
      tasks = value;
      return this;
    }

    /** Sets {@code envSpec}. */
    public Builder envSpec(JsonNode value) {
      envSpec = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public WorkflowSpec build() {
      return new WorkflowSpec(description, document, tasks, envSpec, unknownFields);
    }
  }
}
