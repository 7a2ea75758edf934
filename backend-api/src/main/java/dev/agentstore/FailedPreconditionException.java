package dev.agentstore;

/**
 * The store is not in the state the call needs: an illegal phase move, a missing referenced resource, or dependents that block a delete. Nothing was changed.
 *
 * <p>Usage: {@code catch (FailedPreconditionException e) { ... }}
 */
public class FailedPreconditionException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public FailedPreconditionException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public FailedPreconditionException(String message, Throwable cause) {
    super(message, cause);
  }
}
