package dev.agentstore.model;

/**
 * One runtime value of an execution. When {@code secret} is true the value is sealed with the store's key before it
 * reaches any backend, and {@link #toString()} prints {@code ***} in its place; the plaintext is
 * read only through the explicit {@link #value()} accessor. A secret in an execution's
 * {@code runtimeEnv} does not outlive the execution: once it reaches a terminal phase the entry
 * reads back with {@code secret} true and a null value (row and history alike).
 *
 * <p>Usage: {@code ExecutionValue token = ExecutionValue.secret(System.getenv("TOKEN"));}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()} or the
 * {@code withX} methods, which keep every other field.
 */
public record ExecutionValue(
    String value,
    boolean secret) {

  /** A secret value. */
  public static ExecutionValue secret(String value) {
    return new ExecutionValue(value, true);
  }

  /** A plain (non-secret) value. */
  public static ExecutionValue plain(String value) {
    return new ExecutionValue(value, false);
  }

  private String shown() {
    return secret ? "***" : value;
  }

  /** Prints the value, or {@code ***} for a secret. */
  @Override
  public String toString() {
    return "ExecutionValue[value=" + shown() + ", secret=" + secret + "]";
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
  public ExecutionValue withValue(String value) {
    return toBuilder().value(value).build();
  }

  /** A copy with another {@code secret}; every other field is kept. */
  public ExecutionValue withSecret(boolean secret) {
    return toBuilder().secret(secret).build();
  }

  /** Builds {@link ExecutionValue} values; every setter is optional. */
  public static final class Builder {
    private String value;
    private boolean secret;

    private Builder() {}

    private Builder(ExecutionValue from) {
      value = from.value;
      secret = from.secret;
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

    /** The value; lists and maps are copied, so later changes to them do not reach it. */
    public ExecutionValue build() {
      return new ExecutionValue(value, secret);
    }
  }
}
