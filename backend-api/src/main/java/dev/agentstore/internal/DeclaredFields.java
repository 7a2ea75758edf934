package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.FieldType;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.KindDefinition;

/**
 * Checks a declared kind's spec and status against its definition on every write: each
 * declared field's type, {@code required} and {@code oneOf}, and that a reference names an id
 * of its target kind. Errors name the field. (The database also enforces the keys, checks and
 * references; this gives the caller a precise message before any row is touched.)
 *
 * <p>Usage: {@code DeclaredFields.check(definition, spec, status);}
 */
final class DeclaredFields {
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

  /** Whether any declared field has a default (writes then fill it in). */
  static boolean hasDefaults(KindDefinition definition) {
    return definition.fields().stream().anyMatch(f -> f.defaultValue().isPresent());
  }

  /**
   * Writes each declared default into {@code spec} / {@code status} where the field is absent or
   * null (making the objects on its path), as a definition change does for the stored resources.
   */
  static void fillDefaults(KindDefinition definition, ObjectNode spec, ObjectNode status) {
    for (KindDefinition.Field f : definition.fields()) {
      if (f.defaultValue().isEmpty()) {
        continue;
      }
      ObjectNode n = dev.agentstore.spi.FieldChanges.parentFor(
          "spec".equals(f.path().root()) ? spec : status, f.path());
      if (n != null) { // else the check names the field: it cannot hold a value here
        JsonNode v = n.get(name(f));
        if (v == null || v.isNull()) {
          n.set(name(f), f.defaultValue().orElseThrow());
        }
      }
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
    type.problem(v).ifPresent(p -> {
      throw new InvalidArgumentException(name, p);
    });
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
}
