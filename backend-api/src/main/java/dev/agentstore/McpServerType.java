package dev.agentstore;

/**
 * How an MCP server is reached.
 *
 * <p>Usage: {@code McpServerType.HTTP}
 */
public enum McpServerType {
  STDIO,
  HTTP,
  DOCKER
}
