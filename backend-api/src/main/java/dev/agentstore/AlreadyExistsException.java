package dev.agentstore;

/**
 * A resource with the same slug already exists in the org (enforced by a database constraint).
 * {@link #kind()} names the kind and {@link #resourceId()} the id of the refused write when known.
 *
 * <p>Usage: {@code catch (AlreadyExistsException e) { respond(409, e.kind().orElse(null)); }}
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

  /** Creates the error for a write of {@code resourceId} of {@code kind}. */
  public AlreadyExistsException(Kind kind, String resourceId, String message, Throwable cause) {
    super(message, cause, kind, resourceId, null);
  }
}
