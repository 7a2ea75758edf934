package dev.agentstore;

/** Small text helpers for error messages. */
final class Text {
  private Text() {}

  /** The value cut to 80 characters with control characters escaped, safe to put in a message. */
  static String clip(String s) {
    return dev.agentstore.internal.Messages.clip(s);
  }

}
