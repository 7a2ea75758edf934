package dev.agentstore;

import java.util.Optional;

/**
 * The root of every error agentstore raises. It is unchecked; no {@code SQLException}, jOOQ or
 * Jackson exception ever crosses the API, they arrive wrapped in one of the subclasses.
 *
 * <p>Besides the message, an error carries what an HTTP or RPC layer needs to map it without
 * parsing text: the {@link #field()} an {@link InvalidArgumentException} names, the
 * {@link #resourceId()} and {@link #kind()} a not-found or conflict error is about, and whether
 * the call {@link #isRetryable()}.
 *
 * <p>Usage: {@code catch (AgentStoreException e) { int code = e.isRetryable() ? 503 : 400; }}
 */
public class AgentStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Kind kind;
  private final String resourceId;
  private final String field;

  /** Creates the error with a message that says what was wrong. */
  public AgentStoreException(String message) {
    this(message, null, null, null, null);
  }

  /** Creates the error with a message and the underlying cause. */
  public AgentStoreException(String message, Throwable cause) {
    this(message, cause, null, null, null);
  }

  /**
   * Creates the error with what it is about; each of {@code kind}, {@code resourceId} and
   * {@code field} may be null. Without a kind, the kind is read from the id's prefix.
   */
  protected AgentStoreException(String message, Throwable cause, Kind kind, String resourceId,
      String field) {
    super(message, cause);
    this.resourceId = resourceId;
    this.kind = kind != null ? kind : Kind.fromId(resourceId).orElse(null);
    this.field = field;
  }

  /** The input field the error names ({@code metadata.slug}, {@code spec.tasks[2]}), if any. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** The id of the resource the error is about, if known. */
  public Optional<String> resourceId() {
    return Optional.ofNullable(resourceId);
  }

  /** The kind of the resource the error is about, if known. */
  public Optional<Kind> kind() {
    return Optional.ofNullable(kind);
  }

  /**
   * Whether repeating the call may succeed: true for {@link UnavailableException} (as is) and
   * {@link ConflictException} (after re-reading the resource); false for every error that would
   * fail the same way again.
   */
  public boolean isRetryable() {
    return false;
  }
}
