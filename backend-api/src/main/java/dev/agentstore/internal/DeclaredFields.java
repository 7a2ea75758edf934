package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.FieldType;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.KindDefinition;
import dev.agentstore.spi.SortKeys;

/**
 * Checks a declared kind's spec and status against its definition on every write: each
 * declared field's type, {@code required} and {@code oneOf}, and that a reference names an id
 * of its target kind. Errors name the field. (The database also enforces the keys, checks and
 * references; this gives the caller a precise message before any row is touched.)
 *
 * <p>Usage: {@code DeclaredFields.check(definition, spec, status);}
 */
final class DeclaredFields {
  /** The most UTF-8 bytes a declared STRING or REFERENCE value may have. */
  static final int MAX_STRING_BYTES = 512;

  private DeclaredFields() {}

  /** Throws {@link InvalidArgumentException} naming the first field that breaks its declaration. */
  static void check(KindDefinition definition, ObjectNode spec, ObjectNode status) {
    for (KindDefinition.Field f : definition.fields()) {
      JsonNode root = "spec".equals(f.path().root()) ? spec : status;
      JsonNode v = DeclaredFields.at(root, f);
      String name = f.path().text();
      if (v == null || v.isNull()) {
        if (f.required()) {
          throw new InvalidArgumentException(name, "required by " + definition.kind());
        }
        continue;
      }
      checkValue(f.type(), f.oneOf(), name, v);
      f.references().ifPresent(r -> Ids.require(v.textValue(), r.target(), name));
    }
  }

  /**
   * Throws {@link InvalidArgumentException} naming the first declared field of a collection
   * item that breaks its declaration.
   */
  static void checkItem(dev.agentstore.CollectionDefinition c, ObjectNode item, String where) {
    for (dev.agentstore.CollectionDefinition.Field f : c.fields()) {
      JsonNode v = item.get(f.name());
      String name = where + "." + f.name();
      if (v == null || v.isNull()) {
        if (f.required()) {
          throw new InvalidArgumentException(name, "required by collection " + c.name());
        }
        continue;
      }
      checkValue(f.type(), f.oneOf(), name, v);
    }
  }

  /** A present value's type, size and {@code oneOf}. */
  private static void checkValue(FieldType type, java.util.List<String> oneOf, String name,
      JsonNode v) {
    checkType(type, name, v);
    if (v.isTextual() && type != FieldType.TIMESTAMP && type != FieldType.SECRET
        && v.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > MAX_STRING_BYTES) {
      // Its key goes into database indexes, which cap a row's size (PostgreSQL: 2704 bytes).
      throw new InvalidArgumentException(name, "a declared string field holds at most "
          + MAX_STRING_BYTES + " bytes of UTF-8");
    }
    if (!oneOf.isEmpty() && !oneOf.contains(v.textValue())) {
      throw new InvalidArgumentException(name, "must be one of " + oneOf + ", got '"
          + Messages.clip(v.textValue()) + "'");
    }
  }

  /**
   * The object holding a declared field in its root document (the field may be absent from
   * it), or null when there is none; its last path segment names the field in it.
   */
  static ObjectNode parent(JsonNode root, KindDefinition.Field f) {
    java.util.List<String> path = f.path().segments();
    JsonNode n = root;
    for (String s : path.subList(0, path.size() - 1)) {
      n = n == null ? null : n.get(s);
    }
    return n instanceof ObjectNode o ? o : null;
  }

  /** The last segment of a declared field's path: its name in {@link #parent}. */
  static String name(KindDefinition.Field f) {
    java.util.List<String> path = f.path().segments();
    return path.get(path.size() - 1);
  }

  /** The value of a declared field in its root document, or null when absent. */
  static JsonNode at(JsonNode root, KindDefinition.Field f) {
    JsonNode n = root;
    for (String s : f.path().segments()) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(s);
    }
    return n;
  }

  private static void checkType(FieldType type, String name, JsonNode v) {
    boolean ok = switch (type) {
      case STRING, REFERENCE, SECRET -> v.isTextual();
      case INTEGER -> v.isIntegralNumber()
          || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
      case DECIMAL -> v.isNumber();
      case BOOLEAN -> v.isBoolean();
      case TIMESTAMP -> v.isTextual() && SortKeys.instant(v.textValue()) != null;
      case STRING_LIST -> v.isArray() && allText(v);
    };
    if (!ok) {
      throw new InvalidArgumentException(name, "must be " + describe(type) + ", got "
          + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + (v.isTextual() ? " '" + Messages.clip(v.textValue()) + "'" : ""));
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static String describe(FieldType t) {
    return switch (t) {
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
}
