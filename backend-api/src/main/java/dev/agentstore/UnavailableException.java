package dev.agentstore;

/**
 * The database or artifact store could not be reached or was busy; the call may be retried.
 *
 * <p>Usage: {@code catch (UnavailableException e) { ... }}
 */
public class UnavailableException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public UnavailableException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True: the same call may succeed once the database or artifact store answers again. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
