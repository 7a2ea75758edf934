package dev.agentstore;

/**
 * Bad input: the message names the field and says why. Nothing was changed.
 *
 * <p>Usage: {@code catch (InvalidArgumentException e) { ... }}
 */
public class InvalidArgumentException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public InvalidArgumentException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
