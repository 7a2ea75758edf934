package dev.agentstore.internal;

/**
 * Text helpers for error messages, shared by the public types (through {@code dev.agentstore.Text})
 * and the internal ones.
 *
 * <p>Usage: {@code throw new InvalidArgumentException(field, "'" + Messages.clip(value) + "' is not allowed");}
 */
public final class Messages {
  private Messages() {}

  /** The value cut to 80 characters with control characters escaped, safe to put in a message. */
  public static String clip(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 80; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= 80 && s.length() > 80) {
      b.append("...");
    }
    return b.toString();
  }
}
