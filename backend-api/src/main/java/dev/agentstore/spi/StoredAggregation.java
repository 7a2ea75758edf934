package dev.agentstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Aggregation;
import dev.agentstore.JsonPath;
import dev.agentstore.RefField;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Aggregation} checked against one kind, as a backend runs it
 * ({@link BackendTransaction#aggregate}): group keys resolved to their sources, aggregates with
 * parsed paths, ordering terms by position. The store has refused everything a backend cannot
 * compute; the backend groups, aggregates, orders and limits in the database and returns one
 * {@link Row} per group (at most {@link #limit()} rows).
 *
 * <p>Usage: {@code List<StoredAggregation.Row> rows = tx.aggregate(kind, query, aggregation);}
 *
 * @param keys the group keys (none: one row over every matching resource)
 * @param metrics the aggregates
 * @param orders the ordering terms; the group keys ascending follow as the tie-break
 * @param limit how many rows to return at most
 */
public record StoredAggregation(List<GroupKey> keys, List<Metric> metrics, List<Order> orders,
    int limit) {

  /** Copies the lists. */
  public StoredAggregation {
    keys = List.copyOf(keys);
    metrics = List.copyOf(metrics);
    orders = List.copyOf(orders);
  }

  /** Where a group key's value comes from. */
  public enum Source {
    /** The org column. */
    ORG,
    /** The phase column (executions). */
    PHASE,
    /** A reference column ({@link GroupKey#ref()}). */
    REF,
    /** A label's value ({@link GroupKey#label()}); SQL NULL when the label is absent. */
    LABEL,
    /**
     * A spec/status JSON value ({@link GroupKey#path()}): strings, numbers (by exact value) and
     * booleans are distinct values; absent, null, objects and arrays are the null group. Over
     * execution items the path names an item field (under the root {@code status}).
     */
    JSON,
    /**
     * Over execution items only: a spec/status JSON value of the item's execution
     * ({@link GroupKey#path()}, rooted at its {@code spec} or {@code status}), grouped as
     * {@link #JSON} is. PHASE, REF and LABEL keys over items likewise read the item's
     * execution.
     */
    EXECUTION_JSON
  }

  /**
   * A group key.
   *
   * @param name the key as the caller wrote it
   * @param source where its value comes from
   * @param path the JSON path (JSON and EXECUTION_JSON only)
   * @param ref the reference field (REF only)
   * @param label the label key (LABEL only)
   */
  public record GroupKey(String name, Source source, JsonPath path, RefField ref, String label) {
    /** Checks that the source has what it needs. */
    public GroupKey {
      Objects.requireNonNull(source, "source");
      boolean json = source == Source.JSON || source == Source.EXECUTION_JSON;
      if (json != (path != null) || (source == Source.REF) != (ref != null)
          || (source == Source.LABEL) != (label != null)) {
        throw new IllegalArgumentException("group key " + name + ": " + source
            + " with path " + path + ", ref " + ref + ", label " + label);
      }
    }

    /** Whether the key's value is a JSON value (JSON or EXECUTION_JSON), ranked as JSON. */
    public boolean json() {
      return source == Source.JSON || source == Source.EXECUTION_JSON;
    }
  }

  /**
   * An aggregate.
   *
   * @param function what it computes
   * @param path the JSON path it reads (null for COUNT)
   */
  public record Metric(Aggregation.Function function, JsonPath path) {}

  /**
   * An ordering term.
   *
   * @param metric whether {@code index} is into {@link StoredAggregation#metrics()} (else into
   *     {@link StoredAggregation#keys()})
   * @param index the position of the key or aggregate
   * @param descending largest first; "no value" (the null group, a sum/avg without numbers, a
   *     min/max without values) counts as greater than every value, as in list ordering
   */
  public record Order(boolean metric, int index, boolean descending) {}

  /**
   * One group as the backend computed it.
   *
   * @param keys the key values, in {@link StoredAggregation#keys()} order: a string, a number,
   *     a boolean, or JSON null for the null group
   * @param values the aggregates, in {@link StoredAggregation#metrics()} order
   */
  public record Row(List<JsonNode> keys, List<Value> values) {
    /** Copies the lists. */
    public Row {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }
  }

  /**
   * One computed aggregate. COUNT: {@code count} rows. SUM and AVG: {@code count} numbers and
   * their exact sum {@code number} (null when there were none). MIN and MAX: the extreme
   * {@code number}, or when the group has no number there, the extreme timestamp
   * {@code instant}, or neither.
   *
   * @param count see above
   * @param number see above
   * @param instant see above
   */
  public record Value(long count, BigDecimal number, Instant instant) {}
}
