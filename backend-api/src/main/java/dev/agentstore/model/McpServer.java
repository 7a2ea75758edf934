package dev.agentstore.model;

import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;

/**
 * The McpServer resource: metadata, spec and status.
 *
 * <p>Usage: {@code McpServer r = store.mcpServers().create(new McpServer(Metadata.of(org, "name"), spec, null));}
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
}
