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
 * <p>Usage: {@code new AgentInstanceSpec(agentId, "prod", List.of(envId))}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentInstanceSpec(
    String agentId,
    String description,
    List<String> environmentRefs,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public AgentInstanceSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An instance spec with no unknown fields. */
  public AgentInstanceSpec(String agentId, String description, List<String> environmentRefs) {
    this(agentId, description, environmentRefs, null);
  }
}
