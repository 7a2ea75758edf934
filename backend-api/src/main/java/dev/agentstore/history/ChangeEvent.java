package dev.agentstore.history;

/**
 * What a history row records.
 *
 * <p>Usage: {@code if (version.event() == ChangeEvent.DELETED) ...}
 */
public enum ChangeEvent {
  CREATED,
  UPDATED,
  STATUS_UPDATED,
  APPENDED,
  DELETED
}
