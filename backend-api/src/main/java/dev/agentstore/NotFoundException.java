package dev.agentstore;

/**
 * The addressed resource does not exist, or is not visible from this view (another org).
 *
 * <p>Usage: {@code catch (NotFoundException e) { ... }}
 */
public class NotFoundException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public NotFoundException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
