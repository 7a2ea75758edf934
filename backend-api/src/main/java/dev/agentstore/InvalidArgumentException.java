package dev.agentstore;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bad input: the message names the field and says why, and {@link #field()} returns the field.
 * Nothing was changed.
 *
 * <p>Usage: {@code catch (InvalidArgumentException e) { respond(400, e.field().orElse(null)); }}
 */
public class InvalidArgumentException extends AgentStoreException {
  private static final long serialVersionUID = 1L;
  /**
   * A message prefix that is a field path: dotted names with optional indexes
   * ({@code metadata.labels}, {@code status.messages[3]}), then a colon and a space.
   */
  private static final Pattern FIELD_PREFIX = Pattern.compile(
      "^([A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?(?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?)*): ");

  /**
   * Creates the error with a message that says what was wrong. When the message starts with a
   * field path and a colon ({@code "metadata.slug: ..."}) that path is the {@link #field()}.
   */
  public InvalidArgumentException(String message) {
    this(message, (Throwable) null);
  }

  /** Creates the error with a message and the underlying cause. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause, null, null, fieldOf(message));
  }

  /** Creates the error for {@code field}; the message is {@code "<field>: <why>"}. */
  public InvalidArgumentException(String field, String why) {
    super(field + ": " + why, null, null, null, field);
  }

  private static String fieldOf(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = FIELD_PREFIX.matcher(message);
    return m.find() ? m.group(1) : null;
  }
}
