package dev.agentstore;

/**
 * The type of a field a {@link KindDefinition} declares. Every write of the kind is checked
 * against it; values compare by their type (numbers as exact decimals, timestamps as instants,
 * strings by code point) in filters, ordering and uniqueness, the same on every backend.
 *
 * <p>Usage: {@code KindDefinition.builder("swarm.dev", "Trigger").idPrefix("trg").field("spec.type", FieldType.STRING)}
 */
public enum FieldType {
  /** A JSON string. */
  STRING,
  /** A JSON number without a fraction (any size). */
  INTEGER,
  /** A JSON number, compared as an exact decimal. */
  DECIMAL,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A string in the codec's instant form, {@code 2026-01-01T00:00:00Z} (0 to 9 fraction digits). */
  TIMESTAMP,
  /** The id of another resource, of the kind {@link FieldRule#references} names. */
  REFERENCE,
  /** A JSON array of strings; filter it with {@code contains}. */
  STRING_LIST,
  /**
   * A string sealed like an environment's secret values: the store keeps, logs in history and
   * sends through the change feed only its ciphertext, and opens it on read. Under {@code spec}
   * only; it has no key, so no index, unique key, filter, order or group may name it.
   */
  SECRET;

  /** The most UTF-8 bytes a declared STRING or REFERENCE value may have. */
  public static final int MAX_STRING_BYTES = 512;

  /**
   * Why a present (non-null) JSON value is not a value of this type, or empty when it is one: the
   * one check every write, every definition change and every default goes through.
   */
  public java.util.Optional<String> problem(com.fasterxml.jackson.databind.JsonNode v) {
    boolean ok = switch (this) {
      case STRING, REFERENCE, SECRET -> v.isTextual();
      case INTEGER -> v.isIntegralNumber()
          || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
      case DECIMAL -> v.isNumber();
      case BOOLEAN -> v.isBoolean();
      case TIMESTAMP -> v.isTextual() && dev.agentstore.spi.SortKeys.instant(v.textValue()) != null;
      case STRING_LIST -> v.isArray() && allText(v);
    };
    if (!ok) {
      return java.util.Optional.of("must be " + describe() + ", got "
          + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + (v.isTextual() ? " '" + Text.clip(v.textValue()) + "'" : ""));
    }
    if (v.isTextual() && this != TIMESTAMP && this != SECRET
        && v.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > MAX_STRING_BYTES) {
      // Its key goes into database indexes, which cap a row's size (PostgreSQL: 2704 bytes).
      return java.util.Optional.of("a declared string field holds at most " + MAX_STRING_BYTES
          + " bytes of UTF-8");
    }
    return java.util.Optional.empty();
  }

  private static boolean allText(com.fasterxml.jackson.databind.JsonNode array) {
    for (com.fasterxml.jackson.databind.JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private String describe() {
    return switch (this) {
      case STRING -> "a string";
      case REFERENCE -> "a resource id (a string)";
      case INTEGER -> "an integer";
      case DECIMAL -> "a number";
      case BOOLEAN -> "true or false";
      case TIMESTAMP -> "a timestamp like 2026-01-01T00:00:00Z";
      case STRING_LIST -> "an array of strings";
      case SECRET -> "a string (a secret)";
    };
  }

  /** Whether values of this type have one key a column and index can hold. */
  public boolean isScalar() {
    return this != STRING_LIST && this != SECRET;
  }
}
