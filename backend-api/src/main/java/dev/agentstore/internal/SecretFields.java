package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.JsonPath;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where secrets live in a spec: the maps of {@code {value, secret}} entries of environments,
 * execution contexts and executions' runtime environments, and declared kinds' SECRET fields. Seals or opens the {@code value} of
 * every entry whose {@code secret} is true, and refuses query paths into those values.
 *
 * <p>Usage: {@code SecretFields.transform(kind, spec, (name, v) -> sealer.seal(kind, id, name, v));}
 */
public final class SecretFields {
  private SecretFields() {}

  /** Transforms one secret value, given its name. */
  @FunctionalInterface
  public interface ValueTransform {
    /** The new value for the secret named {@code name}. */
    String apply(String name, String value);
  }

  /** The spec field holding secret maps for {@code kind}, or null. */
  public static String mapField(Kind kind) {
    if (kind == Kind.ENVIRONMENT || kind == Kind.EXECUTION_CONTEXT) {
      return "data";
    }
    return kind.isExecution() ? "runtimeEnv" : null;
  }

  /** The SECRET fields a declared kind declares (none for built-in kinds). */
  static List<KindDefinition.Field> declaredSecrets(Kind kind) {
    Optional<KindDefinition> d = kind.definition();
    if (d.isEmpty()) {
      return List.of();
    }
    List<KindDefinition.Field> out = new ArrayList<>(0);
    for (KindDefinition.Field f : d.get().fields()) {
      if (f.type() == FieldType.SECRET) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Whether stored JSON text may hold a secret map entry: both databases print the member name
   * {@code "secret"} unescaped, so text without it holds none and need not be parsed.
   */
  static boolean mayMentionSecretEntry(String json) {
    return json.contains("\"secret\"");
  }

  /** Whether {@code kind} holds secret values: secret maps, or declared SECRET fields. */
  public static boolean hasSecrets(Kind kind) {
    return mapField(kind) != null || !declaredSecrets(kind).isEmpty();
  }

  /**
   * Applies {@code transform} to every secret value of {@code spec} in place: the secret entries
   * of a kind's secret map, and each declared SECRET field holding a string (named by its path,
   * e.g. {@code spec.token}; another JSON type is left for the declared-field check to refuse).
   */
  public static void transform(Kind kind, ObjectNode spec, ValueTransform transform) {
    if (spec == null) {
      return;
    }
    for (KindDefinition.Field f : declaredSecrets(kind)) {
      ObjectNode o = DeclaredFields.parent(spec, f);
      String last = DeclaredFields.name(f);
      if (o != null && o.path(last).isTextual()) {
        o.put(last, transform.apply(f.path().text(), o.get(last).textValue()));
      }
    }
    String field = mapField(kind);
    if (field == null || !spec.path(field).isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = spec.get(field).fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!(e.getValue() instanceof ObjectNode entry) || !entry.path("secret").asBoolean(false)) {
        continue;
      }
      JsonNode value = entry.get("value");
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isTextual()) {
        throw new InvalidArgumentException("spec." + field + "." + e.getKey()
            + ".value: a secret value must be a string");
      }
      entry.put("value", transform.apply(e.getKey(), value.textValue()));
    }
  }

  /**
   * Re-seals, in place, every secret value of {@code spec} that {@code stale} accepts: opened
   * with {@code from} and sealed again with {@code to}, bound to the same (kind, id, name).
   * Returns how many. Key rotation passes the store's sealer twice (values not under the primary
   * key); an import re-seals every value from the source's keys under the target's.
   */
  public static int reseal(Kind kind, String id, ObjectNode spec, SecretSealer from,
      SecretSealer to, java.util.function.Predicate<String> stale) {
    int[] count = {0};
    transform(kind, spec, (name, stored) -> {
      if (!stale.test(stored)) {
        return stored;
      }
      count[0]++;
      return to.seal(kind, id, name, from.open(kind, id, name, stored));
    });
    return count[0];
  }

  /** Whether one path is the other or lies inside it. */
  private static boolean overlaps(JsonPath a, JsonPath b) {
    if (!a.root().equals(b.root())) {
      return false;
    }
    int n = Math.min(a.segments().size(), b.segments().size());
    return a.segments().subList(0, n).equals(b.segments().subList(0, n));
  }

  /**
   * Tombstones, in place, the secret values of an ephemeral spec: an execution's
   * {@code runtimeEnv} or an ExecutionContext's {@code data}. Each secret entry keeps its name,
   * {@code secret: true} and any other field, and loses its {@code value}: secrets do not outlive
   * the execution they were for. Returns how many values went; other kinds (environments, whose
   * secrets are long-lived) are left alone.
   */
  public static int dropEphemeralSecrets(Kind kind, ObjectNode spec) {
    if (!(kind.isExecution() || kind == Kind.EXECUTION_CONTEXT) || spec == null) {
      return 0;
    }
    JsonNode map = spec.path(mapField(kind));
    if (!map.isObject()) {
      return 0;
    }
    int dropped = 0;
    for (JsonNode entry : map) {
      if (entry instanceof ObjectNode e && e.path("secret").asBoolean(false)
          && e.has("value")) {
        e.remove("value");
        dropped++;
      }
    }
    return dropped;
  }

  /** Rejects a query path that would read a secret value. */
  public static void requireQueryable(Kind kind, JsonPath path) {
    for (KindDefinition.Field f : declaredSecrets(kind)) {
      if (overlaps(f.path(), path)) {
        throw new InvalidArgumentException("jsonPath " + path.canonical() + ": "
            + f.path().text() + " is a SECRET field of " + kind.name() + "; its sealed values"
            + " cannot be filtered, sorted or grouped on");
      }
    }
    String field = mapField(kind);
    if (field == null || !"spec".equals(path.root()) || !field.equals(path.segments().get(0))) {
      return;
    }
    int n = path.segments().size();
    if (n <= 2 || "value".equals(path.segments().get(2))) {
      throw new InvalidArgumentException("jsonPath " + path.canonical()
          + ": values of spec." + field + " may hold secrets and cannot be queried; only"
          + " .secret and .description are queryable");
    }
  }
}
