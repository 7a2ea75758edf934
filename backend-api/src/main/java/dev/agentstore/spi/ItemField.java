package dev.agentstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A field of an execution item (a message, tool call or task) that has its own key column on the
 * item table: the column holds the field's {@link SortKeys} key, written by the backend in the
 * same statement as the item's body ({@link #keys}), and the (org, collection, column, time)
 * indexes serve filters across executions ({@code toolCallsAcross()} and the like). The table
 * below is the one place that says which field of which collection lands in which column:
 *
 * <ul>
 *   <li>{@link #TIME}: a tool call's or task's {@code startedAt}, a message's {@code timestamp};
 *       the keyset order of cross-execution pages.
 *   <li>{@link #NAME}: a tool call's or task's {@code name}, a message's {@code type}.
 *   <li>{@link #STATUS}: a tool call's or task's {@code status} (messages have none).
 * </ul>
 *
 * <p>A string of more than {@link #MAX_KEYED_LENGTH} characters has the key {@link #LONG}, so a
 * filter on such a value is answered from the body, never from the column (see
 * {@link #serving}); migration V7 computes the same keys in SQL for rows stored before it.
 *
 * <p>Usage: {@code Map<String, String> keys = ItemField.keys(Kind.AGENT_EXECUTION, "toolCalls", json);}
 *
 * @param kind the execution kind
 * @param collection the item collection
 * @param field the item's top-level field
 * @param type how its values compare (TIMESTAMP or STRING)
 * @param column the key column
 */
public record ItemField(Kind kind, String collection, String field, IndexedField.Type type,
    String column) {

  /** The column of the item's time. */
  public static final String TIME = "ix_time";
  /** The column of the item's name. */
  public static final String NAME = "ix_name";
  /** The column of the item's status. */
  public static final String STATUS = "ix_status";
  /** Every key column, in the order {@link #keys} returns them. */
  public static final List<String> COLUMNS = List.of(TIME, NAME, STATUS);
  /** The longest string (in characters) whose key is the string itself. */
  public static final int MAX_KEYED_LENGTH = 256;
  /** The key of a longer string. */
  public static final String LONG = "L";

  private static final List<ItemField> ALL = List.of(
      new ItemField(Kind.AGENT_EXECUTION, "messages", "timestamp", IndexedField.Type.TIMESTAMP,
          TIME),
      new ItemField(Kind.AGENT_EXECUTION, "messages", "type", IndexedField.Type.STRING, NAME),
      new ItemField(Kind.AGENT_EXECUTION, "toolCalls", "startedAt", IndexedField.Type.TIMESTAMP,
          TIME),
      new ItemField(Kind.AGENT_EXECUTION, "toolCalls", "name", IndexedField.Type.STRING, NAME),
      new ItemField(Kind.AGENT_EXECUTION, "toolCalls", "status", IndexedField.Type.STRING,
          STATUS),
      new ItemField(Kind.WORKFLOW_EXECUTION, "tasks", "startedAt", IndexedField.Type.TIMESTAMP,
          TIME),
      new ItemField(Kind.WORKFLOW_EXECUTION, "tasks", "name", IndexedField.Type.STRING, NAME),
      new ItemField(Kind.WORKFLOW_EXECUTION, "tasks", "status", IndexedField.Type.STRING,
          STATUS));

  /** The keyed fields of one collection. */
  public static List<ItemField> of(Kind kind, String collection) {
    return ALL.stream().filter(f -> f.kind == kind && f.collection.equals(collection)).toList();
  }

  /** The keyed field of {@code collection} named {@code field}, if there is one. */
  public static Optional<ItemField> find(Kind kind, String collection, String field) {
    return of(kind, collection).stream().filter(f -> f.field.equals(field)).findFirst();
  }

  /** The field whose key is the collection's time (every collection has one). */
  public static ItemField time(Kind kind, String collection) {
    return of(kind, collection).stream().filter(f -> f.column.equals(TIME)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(kind + " " + collection
            + " has no time field"));
  }

  /**
   * The keyed field whose column serves {@code f} (a filter on a top-level item field, under
   * the path root {@code status}), if one does: equality, IN and NOT IN with strings of at most
   * {@link #MAX_KEYED_LENGTH} characters on a STRING field, the four comparisons with a
   * timestamp on the TIME field, and the null tests on both. The one decision the SQL and the
   * docs follow; every other filter reads the item's body.
   */
  public static Optional<ItemField> serving(Kind kind, String collection, Query.JsonFilter f) {
    if (f.path().segments().size() != 1) {
      return Optional.empty();
    }
    return find(kind, collection, f.path().segments().get(0)).filter(x -> x.serves(f));
  }

  private boolean serves(Query.JsonFilter f) {
    Query.JsonOperator op = f.operator();
    if (op == Query.JsonOperator.IS_NULL || op == Query.JsonOperator.IS_NOT_NULL) {
      return true;
    }
    if (type == IndexedField.Type.TIMESTAMP) {
      return op.isComparison() && f.value().isTextual()
          && SortKeys.instant(f.value().textValue()) != null;
    }
    return switch (op) {
      case EQUALS -> keyed(f.value());
      case IN, NOT_IN -> {
        for (JsonNode v : f.value()) {
          if (!v.isNull() && !keyed(v)) {
            yield false;
          }
        }
        yield true;
      }
      default -> false;
    };
  }

  private static boolean keyed(JsonNode v) {
    return v.isTextual() && length(v.textValue()) <= MAX_KEYED_LENGTH;
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The key of {@code value} (JSON; null or missing: absent) in this field's column. */
  public String keyOf(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return SortKeys.ABSENT;
    }
    if (type == IndexedField.Type.STRING && value.isTextual()
        && length(value.textValue()) > MAX_KEYED_LENGTH) {
      return LONG;
    }
    return SortKeys.of(value, type);
  }

  /**
   * The key of every column of {@link #COLUMNS} for one item (JSON text) of {@code collection}:
   * {@link SortKeys#ABSENT} for a column the collection does not use or a field it lacks.
   */
  public static Map<String, String> keys(Kind kind, String collection, String itemJson) {
    JsonNode item = Json.parseTrusted(itemJson);
    Map<String, String> out = new LinkedHashMap<>();
    COLUMNS.forEach(c -> out.put(c, SortKeys.ABSENT));
    for (ItemField f : of(kind, collection)) {
      out.put(f.column, f.keyOf(item.isObject() ? item.get(f.field) : null));
    }
    return out;
  }
}
