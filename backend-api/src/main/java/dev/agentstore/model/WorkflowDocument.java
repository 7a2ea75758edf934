package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The identity of a workflow definition document. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new WorkflowDocument("1.0.0", "ops", "deploy", "1")}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDocument(
    String dsl,
    String namespace,
    String name,
    String version,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public WorkflowDocument {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** A document header with no unknown fields. */
  public WorkflowDocument(String dsl, String namespace, String name, String version) {
    this(dsl, namespace, name, version, null);
  }
}
