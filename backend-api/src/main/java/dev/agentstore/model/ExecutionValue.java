package dev.agentstore.model;

/**
 * One runtime value of an execution. When {@code secret} is true the value is sealed with the store's key before it
 * reaches any backend, and {@link #toString()} prints {@code ***} in its place; the plaintext is
 * read only through the explicit {@link #value()} accessor.
 *
 * <p>Usage: {@code ExecutionValue token = ExecutionValue.secret(System.getenv("TOKEN"));}
 */
public record ExecutionValue(String value, boolean secret) {

  /** A secret value. */
  public static ExecutionValue secret(String value) {
    return new ExecutionValue(value, true);
  }

  /** A plain (non-secret) value. */
  public static ExecutionValue plain(String value) {
    return new ExecutionValue(value, false);
  }

  /** A copy holding {@code newValue}; used by the store to seal and open. */
  public ExecutionValue withValue(String newValue) {
    return new ExecutionValue(newValue, secret);
  }

  private String shown() {
    return secret ? "***" : value;
  }

  /** Prints the value, or {@code ***} for a secret. */
  @Override
  public String toString() {
    return "ExecutionValue[value=" + shown() + ", secret=" + secret + "]";
  }
}
