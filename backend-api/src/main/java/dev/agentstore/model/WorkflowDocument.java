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
 * <p>Usage:
 * <pre>{@code
 * WorkflowDocument d = WorkflowDocument.builder().dsl("1.0.0").namespace("ops").name("deploy")
 *     .version("1").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDocument(
    String dsl,
    String namespace,
    String name,
    String version,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public WorkflowDocument {
    unknownFields = Copies.unknown(unknownFields);
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

  /** A copy with another {@code dsl}; every other field is kept. */
  public WorkflowDocument withDsl(String dsl) {
    return toBuilder().dsl(dsl).build();
  }

  /** A copy with another {@code namespace}; every other field is kept. */
  public WorkflowDocument withNamespace(String namespace) {
    return toBuilder().namespace(namespace).build();
  }

  /** A copy with another {@code name}; every other field is kept. */
  public WorkflowDocument withName(String name) {
    return toBuilder().name(name).build();
  }

  /** A copy with another {@code version}; every other field is kept. */
  public WorkflowDocument withVersion(String version) {
    return toBuilder().version(version).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public WorkflowDocument withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link WorkflowDocument} values; every setter is optional. */
  public static final class Builder {
    private String dsl;
    private String namespace;
    private String name;
    private String version;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(WorkflowDocument from) {
      dsl = from.dsl;
      namespace = from.namespace;
      name = from.name;
      version = from.version;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code dsl}. */
    public Builder dsl(String value) {
      dsl = value;
      return this;
    }

    /** Sets {@code namespace}. */
    public Builder namespace(String value) {
      namespace = value;
      return this;
    }

    /** Sets {@code name}. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** Sets {@code version}. */
    public Builder version(String value) {
      version = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public WorkflowDocument build() {
      return new WorkflowDocument(dsl, namespace, name, version, unknownFields);
    }
  }
}
