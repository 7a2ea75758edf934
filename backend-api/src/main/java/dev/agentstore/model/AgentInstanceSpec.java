package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A configured deployment of an agent template. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * AgentInstanceSpec s = AgentInstanceSpec.builder().agentId(agentId).environmentRefs(List
 *     .of(envId)).build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentInstanceSpec(
    String agentId,
    String description,
    List<String> environmentRefs,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public AgentInstanceSpec {
    environmentRefs = Copies.list(environmentRefs);
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

  /** A copy with another {@code agentId}; every other field is kept. */
  public AgentInstanceSpec withAgentId(String agentId) {
    return toBuilder().agentId(agentId).build();
  }

  /** A copy with another {@code description}; every other field is kept. */
  public AgentInstanceSpec withDescription(String description) {
    return toBuilder().description(description).build();
  }

  /** A copy with another {@code environmentRefs}; every other field is kept. */
  public AgentInstanceSpec withEnvironmentRefs(List<String> environmentRefs) {
    return toBuilder().environmentRefs(environmentRefs).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public AgentInstanceSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link AgentInstanceSpec} values; every setter is optional. */
  public static final class Builder {
    private String agentId;
    private String description;
    private List<String> environmentRefs;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(AgentInstanceSpec from) {
      agentId = from.agentId;
      description = from.description;
      environmentRefs = from.environmentRefs;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code agentId}. */
    public Builder agentId(String value) {
      agentId = value;
      return this;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Sets {@code environmentRefs}. */
    public Builder environmentRefs(List<String> value) {
      environmentRefs = value;
      return this;
    }

    /** Sets {@code unknownFields}. */
    public Builder unknownFields(Map<String, JsonNode> value) {
      unknownFields = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public AgentInstanceSpec build() {
      return new AgentInstanceSpec(agentId, description, environmentRefs, unknownFields);
    }
  }
}
