package dev.agentstore.model;

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
