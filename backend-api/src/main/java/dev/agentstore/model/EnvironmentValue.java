package dev.agentstore.model;

/**
 * One value of an environment. When {@code secret} is true the value is sealed with the store's key before it
 * reaches any backend, and {@link #toString()} prints {@code ***} in its place; the plaintext is
 * read only through the explicit {@link #value()} accessor.
 *
 * <p>Usage: {@code EnvironmentValue token = EnvironmentValue.secret(System.getenv("TOKEN"));}
 */
public record EnvironmentValue(String value, boolean secret, String description) {

  /** A secret value. */
  public static EnvironmentValue secret(String value) {
    return new EnvironmentValue(value, true, null);
  }

  /** A plain (non-secret) value. */
  public static EnvironmentValue plain(String value) {
    return new EnvironmentValue(value, false, null);
  }

  /** A copy holding {@code newValue}; used by the store to seal and open. */
  public EnvironmentValue withValue(String newValue) {
    return new EnvironmentValue(newValue, secret, description);
  }

  private String shown() {
    return secret ? "***" : value;
  }

  /** Prints the value, or {@code ***} for a secret. */
  @Override
  public String toString() {
    return "EnvironmentValue[value=" + shown() + ", secret=" + secret + ", description=" + description + "]";
  }
}
