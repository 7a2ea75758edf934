package dev.agentstore;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A rule on a declared field beyond its type: required, one of a fixed set of values, or a
 * reference to another kind with a delete rule.
 *
 * <p>Usage: {@code .field("spec.type", FieldType.STRING, FieldRule.required(), FieldRule.oneOf("webhook", "schedule"))}
 */
public sealed interface FieldRule {

  /** The field must be present and not null on every write. */
  record Required() implements FieldRule {}

  /**
   * The field, when present, holds one of these strings.
   *
   * @param values the allowed values
   */
  record OneOf(List<String> values) implements FieldRule {
    /** Checks and copies the values. */
    public OneOf {
      Objects.requireNonNull(values, "values");
      if (values.isEmpty()) {
        throw new InvalidArgumentException("oneOf: name at least one value");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String v : values) {
        if (v == null || !seen.add(v)) {
          throw new InvalidArgumentException("oneOf: values must be distinct and not null");
        }
      }
      values = List.copyOf(values);
    }
  }

  /**
   * The field holds the id of a resource of {@code target} in the same org.
   *
   * @param target the referenced kind
   * @param onDelete what deleting the referenced resource does
   */
  record References(Kind target, OnDelete onDelete) implements FieldRule {
    /** Checks the parts. */
    public References {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(onDelete, "onDelete");
      if (target.scope() != Kind.Scope.ORG) {
        throw new InvalidArgumentException("references: " + target
            + " is not a kind inside an org");
      }
    }
  }

  /**
   * The value a resource that lacks the field has: a write that omits it (absent or null) stores
   * it, and a definition change that adds it writes it into the stored resources lacking it (see
   * docs/custom-kinds.md). Not for REFERENCE or SECRET fields.
   *
   * @param value the value, of the field's type and rules
   */
  record Default(com.fasterxml.jackson.databind.JsonNode value) implements FieldRule {
    /** Checks and copies the value. */
    public Default {
      if (value == null || value.isNull() || value.isMissingNode()) {
        throw new InvalidArgumentException("defaultValue: name a value (not null)");
      }
      value = value.deepCopy();
    }

    /** A copy of the value. */
    @Override
    public com.fasterxml.jackson.databind.JsonNode value() {
      return value.deepCopy();
    }
  }

  /** The field is required. */
  static FieldRule required() {
    return new Required();
  }

  /** The field holds one of {@code values}. */
  static FieldRule oneOf(String... values) {
    return new OneOf(java.util.Arrays.asList(values));
  }

  /** Resources lacking the field have {@code value} (a JSON value of the field's type). */
  static FieldRule defaultValue(com.fasterxml.jackson.databind.JsonNode value) {
    return new Default(value);
  }

  /** Resources lacking the field have the string {@code value}. */
  static FieldRule defaultValue(String value) {
    return new Default(value == null ? null
        : com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
  }

  /** Resources lacking the field have the number {@code value}. */
  static FieldRule defaultValue(long value) {
    return new Default(com.fasterxml.jackson.databind.node.LongNode.valueOf(value));
  }

  /** Resources lacking the field have the exact decimal {@code value}. */
  static FieldRule defaultValue(java.math.BigDecimal value) {
    return new Default(value == null ? null
        : com.fasterxml.jackson.databind.node.DecimalNode.valueOf(value));
  }

  /** Resources lacking the field have {@code value}. */
  static FieldRule defaultValue(boolean value) {
    return new Default(com.fasterxml.jackson.databind.node.BooleanNode.valueOf(value));
  }

  /** The field references a resource of {@code target}; deleting it does {@code onDelete}. */
  static FieldRule references(Kind target, OnDelete onDelete) {
    return new References(target, onDelete);
  }

  /** The field references a resource of {@code target}, which cannot be deleted while it does. */
  static FieldRule references(Kind target) {
    return new References(target, OnDelete.RESTRICT);
  }
}
