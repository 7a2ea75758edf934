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

  /** Whether values of this type have one key a column and index can hold. */
  public boolean isScalar() {
    return this != STRING_LIST && this != SECRET;
  }
}
