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
 * <p>Usage: {@code AgentSpec s = agent.spec().withInstructions("Be brief.");}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
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
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public AgentSpec {
    mcpServers = Copies.list(mcpServers);
    skillRefs = Copies.list(skillRefs);
    subAgents = Copies.list(subAgents);
    envSpec = Copies.node(envSpec);
    unknownFields = Copies.unknown(unknownFields);
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
  public AgentSpec withDescription(String description) {
    return toBuilder().description(description).build();
  }

  /** A copy with another {@code iconUrl}; every other field is kept. */
  public AgentSpec withIconUrl(String iconUrl) {
    return toBuilder().iconUrl(iconUrl).build();
  }

  /** A copy with another {@code instructions}; every other field is kept. */
  public AgentSpec withInstructions(String instructions) {
    return toBuilder().instructions(instructions).build();
  }

  /** A copy with another {@code mcpServers}; every other field is kept. */
  public AgentSpec withMcpServers(List<String> mcpServers) {
    return toBuilder().mcpServers(mcpServers).build();
  }

  /** A copy with another {@code skillRefs}; every other field is kept. */
  public AgentSpec withSkillRefs(List<String> skillRefs) {
    return toBuilder().skillRefs(skillRefs).build();
  }

  /** A copy with another {@code subAgents}; every other field is kept. */
  public AgentSpec withSubAgents(List<String> subAgents) {
    return toBuilder().subAgents(subAgents).build();
  }

  /** A copy with another {@code envSpec}; every other field is kept. */
  public AgentSpec withEnvSpec(JsonNode envSpec) {
    return toBuilder().envSpec(envSpec).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public AgentSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link AgentSpec} values; every setter is optional. */
  public static final class Builder {
    private String description;
    private String iconUrl;
    private String instructions;
    private List<String> mcpServers;
    private List<String> skillRefs;
    private List<String> subAgents;
    private JsonNode envSpec;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(AgentSpec from) {
      description = from.description;
      iconUrl = from.iconUrl;
      instructions = from.instructions;
      mcpServers = from.mcpServers;
      skillRefs = from.skillRefs;
      subAgents = from.subAgents;
      envSpec = from.envSpec;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Sets {@code iconUrl}. */
    public Builder iconUrl(String value) {
      iconUrl = value;
      return this;
    }

    /** Sets {@code instructions}. */
    public Builder instructions(String value) {
      instructions = value;
      return this;
    }

    /** Sets {@code mcpServers}. */
    public Builder mcpServers(List<String> value) {
      mcpServers = value;
      return this;
    }

    /** Sets {@code skillRefs}. */
    public Builder skillRefs(List<String> value) {
      skillRefs = value;
      return this;
    }

    /** Sets {@code subAgents}. */
    public Builder subAgents(List<String> value) {
      subAgents = value;
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
    public AgentSpec build() {
      return new AgentSpec(description, iconUrl, instructions, mcpServers, skillRefs, subAgents,
          envSpec, unknownFields);
    }
  }
}
