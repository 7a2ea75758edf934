package dev.agentstore;

/**
 * The root of every error agentstore raises. It is unchecked; no {@code SQLException}, jOOQ or
 * Jackson exception ever crosses the API, they arrive wrapped in one of the subclasses.
 *
 * <p>Usage: {@code try { store.agents().update(a); } catch (AgentStoreException e) { log(e.getMessage()); }}
 */
public class AgentStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public AgentStoreException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public AgentStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
