package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups {@link ReadableRepository#aggregate} computed, in the aggregation's order, at most
 * its limit; {@link #truncated()} says whether more groups matched.
 *
 * <p>Usage:
 * <pre>{@code
 * for (AggregateResult.Row row : result.rows()) {
 *   String agent = row.keyText("spec.agentId");
 *   BigDecimal cost = row.sum("status.usage.costUsd");
 * }
 * }</pre>
 *
 * @param rows the groups
 * @param truncated whether more groups matched than the limit allowed
 */
public record AggregateResult(List<Row> rows, boolean truncated) {
  /**
   * How {@code avg} divides: the exact sum by the count of numbers, to 34 significant digits,
   * rounding half to even (IEEE 754 decimal128), then without trailing zeros. The same Java
   * division on every backend, so averages are identical everywhere.
   */
  public static final MathContext AVG_CONTEXT = MathContext.DECIMAL128;

  /** Copies the list. */
  public AggregateResult {
    rows = List.copyOf(rows);
  }

  /**
   * One group: its key values and its aggregates, read by the names the aggregation used.
   * Reading an aggregate or key the aggregation did not ask for is an
   * {@link InvalidArgumentException}.
   *
   * <ul>
   *   <li>{@link #key}: the group's value of a key: a string, number (without trailing zeros),
   *       boolean, or JSON null for the null group (absent, null, objects and arrays).
   *   <li>{@link #count()}: the rows in the group.
   *   <li>{@link #sum}: the exact sum of the numbers, without trailing zeros (scale never
   *       negative); zero when the group has no number there.
   *   <li>{@link #avg}: {@code sum / numbers} by {@link AggregateResult#AVG_CONTEXT}; null when
   *       the group has no number there.
   *   <li>{@link #numbers}: how many numbers {@code sum}/{@code avg} of that path read.
   *   <li>{@link #min} / {@link #max}: a JSON number (exact, without trailing zeros), or, in a
   *       group without numbers there, a timestamp string as {@code Instant.toString} prints
   *       it, or JSON null.
   * </ul>
   *
   * @param keys the group key values by key, in the aggregation's order
   * @param values the aggregates by {@link Aggregation.Metric#name()}
   * @param numbers for each sum/avg path, how many numbers it read
   */
  public record Row(Map<String, JsonNode> keys, Map<String, Object> values,
      Map<String, Long> numbers) {
    /** Copies the maps (keeping their order; an avg may be null). */
    public Row {
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** The group's value of {@code groupKey} (JSON null for the null group). */
    public JsonNode key(String groupKey) {
      JsonNode v = keys.get(groupKey);
      if (v == null) {
        throw new InvalidArgumentException("groupKey", Text.clip(String.valueOf(groupKey))
            + " is not a group key of this aggregation (it has " + keys.keySet() + ")");
      }
      return v;
    }

    /** The group's value of {@code groupKey} as text: null for the null group. */
    public String keyText(String groupKey) {
      JsonNode v = key(groupKey);
      return v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString();
    }

    private Object value(String name) {
      if (!values.containsKey(name)) {
        throw new InvalidArgumentException("aggregate", Text.clip(name)
            + " was not computed by this aggregation (it has " + values.keySet() + ")");
      }
      return values.get(name);
    }

    /** The number of rows in the group. */
    public long count() {
      return (Long) value("count");
    }

    /** The exact sum of the numbers at {@code path} (zero when there are none). */
    public BigDecimal sum(String path) {
      return (BigDecimal) value("sum(" + path + ")");
    }

    /** The average of the numbers at {@code path}, or null when there are none. */
    public BigDecimal avg(String path) {
      return (BigDecimal) value("avg(" + path + ")");
    }

    /** How many numbers the sum or avg of {@code path} read. */
    public long numbers(String path) {
      Long n = numbers.get(path);
      if (n == null) {
        throw new InvalidArgumentException("aggregate", "no sum or avg of "
            + Text.clip(String.valueOf(path)) + " was computed");
      }
      return n;
    }

    /** The smallest number (or earliest timestamp) at {@code path}; JSON null when none. */
    public JsonNode min(String path) {
      Object v = value("min(" + path + ")");
      return v == null ? NullNode.getInstance() : (JsonNode) v;
    }

    /** The largest number (or latest timestamp) at {@code path}; JSON null when none. */
    public JsonNode max(String path) {
      Object v = value("max(" + path + ")");
      return v == null ? NullNode.getInstance() : (JsonNode) v;
    }
  }
}
