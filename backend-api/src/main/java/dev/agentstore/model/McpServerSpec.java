package dev.agentstore.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An MCP server an agent can use: stdio, http or docker. JSON fields this record does not know are kept in {@code unknownFields} and written back
 * unchanged.
 *
 * <p>Usage:
 * <pre>{@code
 * McpServerSpec s = McpServerSpec.builder().type(McpServerType.HTTP)
 *     .endpoint("https://mcp.example").build();
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field (unknown fields included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpServerSpec(
    McpServerType type,
    String endpoint,
    List<String> command,
    List<String> defaultTools,
    JsonNode envSpec,
    @JsonAnySetter Map<String, JsonNode> unknownFields) {

  /** Copies every list, map and JSON tree so that the value stays immutable. */
  public McpServerSpec {
    command = Copies.list(command);
    defaultTools = Copies.list(defaultTools);
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

  /** A copy with another {@code type}; every other field is kept. */
  public McpServerSpec withType(McpServerType type) {
    return toBuilder().type(type).build();
  }

  /** A copy with another {@code endpoint}; every other field is kept. */
  public McpServerSpec withEndpoint(String endpoint) {
    return toBuilder().endpoint(endpoint).build();
  }

  /** A copy with another {@code command}; every other field is kept. */
  public McpServerSpec withCommand(List<String> command) {
    return toBuilder().command(command).build();
  }

  /** A copy with another {@code defaultTools}; every other field is kept. */
  public McpServerSpec withDefaultTools(List<String> defaultTools) {
    return toBuilder().defaultTools(defaultTools).build();
  }

  /** A copy with another {@code envSpec}; every other field is kept. */
  public McpServerSpec withEnvSpec(JsonNode envSpec) {
    return toBuilder().envSpec(envSpec).build();
  }

  /** A copy with another {@code unknownFields}; every other field is kept. */
  public McpServerSpec withUnknownFields(Map<String, JsonNode> unknownFields) {
    return toBuilder().unknownFields(unknownFields).build();
  }

  /** Builds {@link McpServerSpec} values; every setter is optional. */
  public static final class Builder {
    private McpServerType type;
    private String endpoint;
    private List<String> command;
    private List<String> defaultTools;
    private JsonNode envSpec;
    private Map<String, JsonNode> unknownFields;

    private Builder() {}

    private Builder(McpServerSpec from) {
      type = from.type;
      endpoint = from.endpoint;
      command = from.command;
      defaultTools = from.defaultTools;
      envSpec = from.envSpec;
      unknownFields = from.unknownFields;
    }

    /** Sets {@code type}. */
    public Builder type(McpServerType value) {
      type = value;
      return this;
    }

    /** Sets {@code endpoint}. */
    public Builder endpoint(String value) {
      endpoint = value;
      return this;
    }

    /** Sets {@code command}. */
    public Builder command(List<String> value) {
      command = value;
      return this;
    }

    /** Sets {@code defaultTools}. */
    public Builder defaultTools(List<String> value) {
      defaultTools = value;
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
    public McpServerSpec build() {
      return new McpServerSpec(type, endpoint, command, defaultTools, envSpec, unknownFields);
    }
  }
}
