package dev.agentstore;

/**
 * A resource with the same slug already exists in the org (enforced by a database constraint).
 *
 * <p>Usage: {@code catch (AlreadyExistsException e) { ... }}
 */
public class AlreadyExistsException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public AlreadyExistsException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
