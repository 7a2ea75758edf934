package dev.agentstore.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import java.util.List;

/**
 * The McpServer resource: metadata, spec and status.
 *
 * <p>Usage:
 * <pre>{@code
 * McpServer m = store.mcpServers().create(McpServer.builder().org(org).name("search")
 *     .type(McpServerType.HTTP).endpoint("https://mcp.example").build());
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}.
 *
 * @param metadata identity, labels and the version token
 * @param spec what the caller wants
 * @param status what the system observed
 */
public record McpServer(Metadata metadata, McpServerSpec spec, McpServerStatus status) implements Resource<McpServerSpec, McpServerStatus> {
  @Override
  public Kind kind() {
    return Kind.MCP_SERVER;
  }

  @Override
  public McpServer withMetadata(Metadata m) {
    return new McpServer(m, spec, status);
  }

  /** A copy with a new spec. */
  public McpServer withSpec(McpServerSpec s) {
    return new McpServer(metadata, s, status);
  }

  /** A copy with a new status. */
  public McpServer withStatus(McpServerStatus s) {
    return new McpServer(metadata, spec, s);
  }

  /** A copy with one label added or replaced. */
  public McpServer withLabel(String key, String value) {
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
   * Builds {@link McpServer} resources: metadata setters from {@link ResourceBuilder}, setters
   * for the fields of the spec, and the whole spec or status.
   */
  public static final class Builder extends ResourceBuilder<Builder> {
    private McpServerSpec.Builder spec = McpServerSpec.builder();
    private McpServerStatus status;

    private Builder() {}

    /** Replaces the whole spec (a null spec leaves an empty one). */
    public Builder spec(McpServerSpec value) {
      spec = value == null ? McpServerSpec.builder() : value.toBuilder();
      return this;
    }

    /** Sets the status. */
    public Builder status(McpServerStatus value) {
      status = value;
      return this;
    }

    /** Sets {@code spec.type}. */
    public Builder type(McpServerType value) {
      spec.type(value);
      return this;
    }

    /** Sets {@code spec.endpoint}. */
    public Builder endpoint(String value) {
      spec.endpoint(value);
      return this;
    }

    /** Sets {@code spec.command}. */
    public Builder command(List<String> value) {
      spec.command(value);
      return this;
    }

    /** Sets {@code spec.defaultTools}. */
    public Builder defaultTools(List<String> value) {
      spec.defaultTools(value);
      return this;
    }

    /** Sets {@code spec.envSpec}. */
    public Builder envSpec(JsonNode value) {
      spec.envSpec(value);
      return this;
    }

    /** The resource. */
    public McpServer build() {
      return new McpServer(metadata(), spec.build(), status);
    }

    @Override
    protected Builder self() {
      return this;
    }
  }
}
