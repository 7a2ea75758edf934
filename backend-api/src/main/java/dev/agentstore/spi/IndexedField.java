package dev.agentstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.JsonPath;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A spec/status field of a built-in kind that has its own indexed column: the column holds the
 * field's {@link SortKeys sort key}, written by the backend in the same statement as the JSON
 * ({@link #keys(Kind, String)} of the row's status), and an (org, key, id) index serves filters and
 * ordering on it. Filters and sorts on any other path still work, on the JSON, without an index
 * ({@code repo.explain(query)} says which is which).
 *
 * <p>Usage: {@code IndexedField.find(Kind.AGENT_EXECUTION, JsonPath.parse("status.startedAt"))}
 *
 * @param kind the kind
 * @param path the field
 * @param type how its values compare
 * @param column the column holding its key
 * @param index the (org, column, id) index over it
 */
public record IndexedField(Kind kind, JsonPath path, Type type, String column, String index) {

  /** How an indexed field's values compare. */
  public enum Type {
    /** JSON numbers, by exact decimal value. */
    NUMBER,
    /** Timestamp strings (as the codec writes instants), as instants. */
    TIMESTAMP,
    /** Strings, by code point (declared kinds' STRING and REFERENCE fields). */
    STRING,
    /** {@code false} before {@code true} (declared kinds' BOOLEAN fields). */
    BOOLEAN
  }

  /** The version of the key encoding rows carry in {@code keys_version} (0: not yet computed). */
  public static final int KEYS_VERSION = 1;

  private static final List<IndexedField> ALL = List.of(
      field(Kind.AGENT_EXECUTION, "status.startedAt", Type.TIMESTAMP, "ix_started_at"),
      field(Kind.AGENT_EXECUTION, "status.completedAt", Type.TIMESTAMP, "ix_completed_at"),
      field(Kind.AGENT_EXECUTION, "status.usage.inputTokens", Type.NUMBER,
          "ix_usage_input_tokens"),
      field(Kind.AGENT_EXECUTION, "status.usage.outputTokens", Type.NUMBER,
          "ix_usage_output_tokens"),
      field(Kind.AGENT_EXECUTION, "status.usage.costUsd", Type.NUMBER, "ix_usage_cost_usd"),
      field(Kind.AGENT_EXECUTION, "status.usage.durationMs", Type.NUMBER,
          "ix_usage_duration_ms"),
      field(Kind.WORKFLOW_EXECUTION, "status.startedAt", Type.TIMESTAMP, "ix_started_at"),
      field(Kind.WORKFLOW_EXECUTION, "status.completedAt", Type.TIMESTAMP, "ix_completed_at"));

  private static IndexedField field(Kind kind, String path, Type type, String column) {
    String table = kind == Kind.AGENT_EXECUTION ? "agent_executions" : "workflow_executions";
    return new IndexedField(kind, JsonPath.parse(path), type, column,
        table + "_org_" + column.substring(3) + "_idx");
  }

  /**
   * The indexed fields of {@code kind}: a few for the built-in executions, and every declared
   * single-valued field of a declared kind (its column is {@code k_} and a hash of the path,
   * see {@link #declaredColumn}).
   */
  public static List<IndexedField> of(Kind kind) {
    if (!kind.isBuiltIn()) {
      if (DECLARED.size() > DECLARED_CACHED) {
        DECLARED.clear(); // rare; the live kinds are cached again on their next use
      }
      return DECLARED.computeIfAbsent(kind.definition().orElseThrow(), IndexedField::declared);
    }
    return ALL.stream().filter(f -> f.kind == kind).toList();
  }

  /** The indexed field of {@code kind} at {@code path}, if there is one. */
  public static Optional<IndexedField> find(Kind kind, JsonPath path) {
    return of(kind).stream().filter(f -> f.path.equals(path)).findFirst();
  }

  /**
   * Declared kinds' fields, per definition (definitions are immutable values). Read on every
   * write and query of a declared kind, so lock-free; bounded by emptying it past
   * {@code DECLARED_CACHED} definitions, for a process that declares kinds without end (tests, a
   * host of many applications' stores): a miss only hashes the paths again.
   */
  private static final int DECLARED_CACHED = 256;
  private static final java.util.Map<dev.agentstore.KindDefinition, List<IndexedField>> DECLARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static List<IndexedField> declared(dev.agentstore.KindDefinition d) {
    List<IndexedField> out = new java.util.ArrayList<>();
    for (dev.agentstore.KindDefinition.Field f : d.fields()) {
      Type t = keyType(f.type());
      if (t != null) {
        String column = declaredColumn(f.path());
        out.add(new IndexedField(d.kind(), f.path(), t, column,
            "ck_" + d.idPrefix() + "_" + column.substring(2) + "_idx"));
      }
    }
    return List.copyOf(out);
  }

  /** How keys of a declared field type compare; null for STRING_LIST and SECRET, which have no key. */
  public static Type keyType(dev.agentstore.FieldType type) {
    return switch (type) {
      case STRING, REFERENCE -> Type.STRING;
      case INTEGER, DECIMAL -> Type.NUMBER;
      case BOOLEAN -> Type.BOOLEAN;
      case TIMESTAMP -> Type.TIMESTAMP;
      case STRING_LIST, SECRET -> null;
    };
  }

  /**
   * The key column of a declared field: {@code k_} and the first 16 hex digits of the SHA-256 of
   * its canonical path, stable across definition versions and within every identifier limit.
   */
  public static String declaredColumn(JsonPath path) {
    return keyColumn(path.canonical());
  }

  /** The key column of a declared collection's item field, named like {@link #declaredColumn}. */
  public static String itemColumn(String field) {
    return keyColumn("item:" + field);
  }

  private static String keyColumn(String text) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "k_" + java.util.HexFormat.of().formatHex(h, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * The indexed field whose column serves {@code f} on {@code kind}, if one does: the four
   * comparisons with a value of the field's type, equality with a value of its type (a
   * declared field's timestamps too), and on declared kinds {@code in} / {@code not in} of such
   * values (and null, the absent key).
   * The one decision both the SQL (which column or JSON expression a filter uses) and
   * {@code explain} follow.
   */
  public static Optional<IndexedField> serving(Kind kind, Query.JsonFilter f) {
    return find(kind, f.path()).filter(x -> x.serves(f));
  }

  /** The indexed field whose column serves ordering by {@code path} on {@code kind}. */
  public static Optional<IndexedField> servingOrder(Kind kind, JsonPath path) {
    return path == null ? Optional.empty() : find(kind, path);
  }

  private boolean serves(Query.JsonFilter f) {
    JsonNode v = f.value();
    if (f.operator().isComparison()) {
      return type == Type.NUMBER ? v.isNumber() : (type != Type.BOOLEAN && v.isTextual());
    }
    if (f.operator() == Query.JsonOperator.EQUALS) {
      return servesEquality(v);
    }
    if ((f.operator() == Query.JsonOperator.IN || f.operator() == Query.JsonOperator.NOT_IN)
        && !kind.isBuiltIn()) {
      for (JsonNode e : v) {
        if (!e.isNull() && !servesEquality(e)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Whether equality with {@code v} is equality of keys. A declared TIMESTAMP field holds only
   * timestamps (every write is checked), so its equality, {@code in} and {@code not in} compare
   * instants, as its order, ranges and unique keys do ({@code 00:00:00Z} equals
   * {@code 00:00:00.000Z}); a built-in field's JSON may hold any text, so there equality keeps
   * "same text" semantics.
   */
  private boolean servesEquality(JsonNode v) {
    return switch (type) {
      case NUMBER -> v.isNumber();
      case STRING -> v.isTextual();
      case BOOLEAN -> v.isBoolean();
      case TIMESTAMP -> !kind.isBuiltIn() && v.isTextual()
          && SortKeys.instant(v.textValue()) != null;
    };
  }

  /** The key {@code f}'s value has in this field's column. */
  public String keyOf(JsonNode value) {
    return SortKeys.of(value, type);
  }

  /**
   * The keys of every indexed field of {@code kind} in a status document (JSON text; null or
   * empty: no status, every key {@link SortKeys#ABSENT}), parsed once.
   */
  public static Map<IndexedField, String> keys(Kind kind, String statusJson) {
    return keys(kind, null, statusJson);
  }

  /**
   * The keys of every indexed field of {@code kind} in a row's spec and status documents (JSON
   * text; null or empty: absent), each parsed at most once.
   */
  public static Map<IndexedField, String> keys(Kind kind, String specJson, String statusJson) {
    List<IndexedField> fields = of(kind);
    Map<IndexedField, String> out = new LinkedHashMap<>();
    if (fields.isEmpty()) {
      return out;
    }
    JsonNode status = statusJson == null || statusJson.isEmpty() ? null
        : Json.parseTrusted(statusJson);
    JsonNode spec = null;
    for (IndexedField f : fields) {
      JsonNode root = status;
      if ("spec".equals(f.path.root())) {
        if (spec == null && specJson != null && !specJson.isEmpty()) {
          spec = Json.parseTrusted(specJson);
        }
        root = spec;
      }
      out.put(f, root == null ? SortKeys.ABSENT : f.key(root));
    }
    return out;
  }

  /** This field's key in its parsed root object ({@code status}, or {@code spec}). */
  public String key(JsonNode status) {
    JsonNode n = status;
    for (String s : path.segments()) {
      if (n == null || !n.isObject()) {
        return SortKeys.ABSENT;
      }
      n = n.get(s);
    }
    return SortKeys.of(n, type);
  }
}
