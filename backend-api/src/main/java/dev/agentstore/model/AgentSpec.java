package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What an agent is: its instructions, tools, skills and sub-agents. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage: {@code new AgentSpec("helps", null, "Be brief.", List.of(), List.of(), List.of(), null)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentSpec(
    String description,
    String iconUrl,
    String instructions,
    List<String> mcpServers,
    List<String> skillRefs,
    List<String> subAgents,
    JsonNode envSpec,
    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {

  /** Keeps an absent unknown-field map as an empty one. */
  public AgentSpec {
    unknownFields = Unknown.orEmpty(unknownFields);
  }

  /** An agent spec with no unknown fields. */
  public AgentSpec(String description, String iconUrl, String instructions, List<String> mcpServers,
      List<String> skillRefs, List<String> subAgents, JsonNode envSpec) {
    this(description, iconUrl, instructions, mcpServers, skillRefs, subAgents, envSpec, null);
  }

  /** An agent spec with only instructions. */
  public static AgentSpec withInstructions(String instructions) {
    return new AgentSpec(null, null, instructions, null, null, null, null);
  }
}
