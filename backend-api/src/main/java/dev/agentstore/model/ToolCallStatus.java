package dev.agentstore.model;

/**
 * Where a tool call stands.
 *
 * <p>Usage: {@code toolCall.finished(ToolCallStatus.COMPLETED, result, now)}
 */
public enum ToolCallStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED
}
