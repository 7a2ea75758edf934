package dev.agentstore.model;

/**
 * One value of an environment. When {@code secret} is true the value is sealed with the store's key before it
 * reaches any backend, and {@link #toString()} prints {@code ***} in its place; the plaintext is
 * read only through the explicit {@link #value()} accessor.
 *
 * <p>Usage:
 * <pre>{@code
 * EnvironmentValue token = EnvironmentValue.secret(System.getenv("TOKEN"))
 *     .withDescription("CI token");
 * }</pre>
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field.
 */
public record EnvironmentValue(
    String value,
    boolean secret,
    String description) {

  /** A secret value. */
  public static EnvironmentValue secret(String value) {
    return new EnvironmentValue(value, true, null);
  }

  /** A plain (non-secret) value. */
  public static EnvironmentValue plain(String value) {
    return new EnvironmentValue(value, false, null);
  }

  private String shown() {
    return secret ? "***" : value;
  }

  /** Prints the value, or {@code ***} for a secret. */
  @Override
  public String toString() {
    return "EnvironmentValue[value=" + shown() + ", secret=" + secret + ", description=" + description + "]";
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this value's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with another {@code value}; every other field is kept. */
  public EnvironmentValue withValue(String value) {
    return toBuilder().value(value).build();
  }

  /** A copy with another {@code secret}; every other field is kept. */
  public EnvironmentValue withSecret(boolean secret) {
    return toBuilder().secret(secret).build();
  }

  /** A copy with another {@code description}; every other field is kept. */
  public EnvironmentValue withDescription(String description) {
    return toBuilder().description(description).build();
  }

  /** Builds {@link EnvironmentValue} values; every setter is optional. */
  public static final class Builder {
    private String value;
    private boolean secret;
    private String description;

    private Builder() {}

    private Builder(EnvironmentValue from) {
      value = from.value;
      secret = from.secret;
      description = from.description;
    }

    /** Sets {@code value}. */
    public Builder value(String value) {
      value = value;
      return this;
    }

    /** Sets {@code secret}. */
    public Builder secret(boolean value) {
      secret = value;
      return this;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public EnvironmentValue build() {
      return new EnvironmentValue(value, secret, description);
    }
  }
}
