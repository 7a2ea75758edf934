package dev.agentstore;

/**
 * The caller may not do this (a refused key file, a revoked or expired API key).
 *
 * <p>Usage: {@code catch (PermissionDeniedException e) { ... }}
 */
public class PermissionDeniedException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public PermissionDeniedException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public PermissionDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
