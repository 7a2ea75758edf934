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
 * <p>Usage: {@code new WorkflowSpec("deploys", doc, List.of(), null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSpec(
    String description,
    WorkflowDocument document,
    List<JsonNode> tasks,
    JsonNode envSpec,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public WorkflowSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A workflow spec with no unknown fields. */
  public WorkflowSpec(String description, WorkflowDocument document, List<JsonNode> tasks,
      JsonNode envSpec) {
    this(description, document, tasks, envSpec, null);
  }
}
