package dev.agentstore;

/**
 * The addressed resource does not exist, or is not visible from this view (another org).
 * {@link #resourceId()} and {@link #kind()} name it when it is a resource.
 *
 * <p>Usage: {@code catch (NotFoundException e) { respond(404, e.resourceId().orElse(null)); }}
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

  /** Creates the error for the resource {@code resourceId} of {@code kind}. */
  public NotFoundException(Kind kind, String resourceId, String message) {
    super(message, null, kind, resourceId, null);
  }
}
