package dev.agentstore.model;

/**
 * Where a workflow task stands.
 *
 * <p>Usage: {@code task.finished(TaskStatus.COMPLETED, output, now)}
 */
public enum TaskStatus {
  PENDING,
  IN_PROGRESS,
  COMPLETED,
  FAILED,
  SKIPPED
}
