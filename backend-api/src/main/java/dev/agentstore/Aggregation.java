package dev.agentstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ReadableRepository#aggregate} computes: the groups (zero or more group keys), the
 * aggregates of each group, their order and how many groups at most. Immutable: every method
 * returns a new value. The database groups, sums and orders (GROUP BY); the filters are a
 * {@link Query}'s, exactly as {@code list} applies them.
 *
 * <p>Usage:
 * <pre>{@code
 * Aggregation byAgent = Aggregation.groupBy("spec.agentId")
 *     .count().sum("status.usage.costUsd").avg("status.usage.durationMs")
 *     .min("status.startedAt").max("status.completedAt")
 *     .orderByDescending("sum(status.usage.costUsd)").limit(20);
 * AggregateResult r = store.agentExecutions().aggregate(query, byAgent);
 * }</pre>
 *
 * <p>Group keys: a spec or status path ({@code spec.config.model}), {@code metadata.org},
 * {@code metadata.labels.<label key>}, and, on executions, {@code status.phase}. Reference
 * fields ({@code spec.agentId}, ...) and the phase use their indexed columns. A key whose value
 * is absent, JSON null, an object or an array puts the row in that key's null group. Strings,
 * numbers (by exact value: {@code 1.5} and {@code 1.50} are one group) and booleans are
 * distinct values ({@code "1"} and {@code 1} are two groups).
 *
 * <p>Aggregates: {@code count()} counts rows; {@code sum} and {@code avg} take the JSON numbers
 * at a spec/status path and ignore every other value (absent, null, strings, booleans,
 * containers), exactly, with no rounding through double; {@code min} and {@code max} take the
 * numbers at the path, or, in a group that has none, its timestamps (strings of the form an
 * {@code Instant} prints), compared as instants. See {@link AggregateResult.Row} for the values.
 *
 * <p>Order: by default the group keys ascending, in the order {@code list} sorts field values
 * (numbers, strings, booleans, then the null group). {@link #orderBy} / {@link #orderByDescending}
 * name a group key path or an aggregate as {@link Metric#name()} spells it ({@code count},
 * {@code sum(status.usage.costUsd)}); the group keys break ties.
 */
public final class Aggregation {
  /** The default {@link #limit}. */
  public static final int DEFAULT_LIMIT = 100;
  /** The largest {@link #limit}. */
  public static final int MAX_LIMIT = 1000;

  /** An aggregate function. */
  public enum Function {
    /** The number of rows in the group. */
    COUNT,
    /** The exact sum of the numbers at the path. */
    SUM,
    /** The exact sum divided by how many numbers there were ({@link AggregateResult#AVG_CONTEXT}). */
    AVG,
    /** The smallest number (or, without numbers, the earliest timestamp) at the path. */
    MIN,
    /** The largest number (or, without numbers, the latest timestamp) at the path. */
    MAX
  }

  /**
   * One aggregate.
   *
   * @param function what it computes
   * @param path the field it reads (null for COUNT)
   */
  public record Metric(Function function, String path) {
    /** Checks the pairing of function and path. */
    public Metric {
      Objects.requireNonNull(function, "function");
      if ((function == Function.COUNT) != (path == null)) {
        throw new InvalidArgumentException("aggregation", function == Function.COUNT
            ? "count() takes no path" : function.name().toLowerCase() + " needs a path");
      }
    }

    /** {@code count}, or {@code sum(path)} and the like: the name results and orders use. */
    public String name() {
      return function == Function.COUNT ? "count" : function.name().toLowerCase() + "(" + path + ")";
    }
  }

  /**
   * One ordering term.
   *
   * @param name a group key path or a {@link Metric#name()}
   * @param descending whether largest first
   */
  public record Order(String name, boolean descending) {}

  private final List<String> groupBy;
  private final List<Metric> metrics;
  private final List<Order> orders;
  private final int limit;

  private Aggregation(List<String> groupBy, List<Metric> metrics, List<Order> orders, int limit) {
    this.groupBy = List.copyOf(groupBy);
    this.metrics = List.copyOf(metrics);
    this.orders = List.copyOf(orders);
    this.limit = limit;
  }

  /** Groups by these keys (at least one; see the class comment for what a key may be). */
  public static Aggregation groupBy(String... keys) {
    if (keys == null || keys.length == 0) {
      throw new InvalidArgumentException("groupBy", "needs at least one key (or use"
          + " Aggregation.all())");
    }
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (k == null || k.isBlank()) {
        throw new InvalidArgumentException("groupBy", "a key must not be null or blank");
      }
      if (out.contains(k)) {
        throw new InvalidArgumentException("groupBy", "key " + Text.clip(k) + " appears twice");
      }
      out.add(k);
    }
    return new Aggregation(out, List.of(), List.of(), DEFAULT_LIMIT);
  }

  /** No grouping: one row over every matching resource (also when none matches). */
  public static Aggregation all() {
    return new Aggregation(List.of(), List.of(), List.of(), DEFAULT_LIMIT);
  }

  private Aggregation with(Metric m) {
    for (Metric x : metrics) {
      if (x.equals(m)) {
        throw new InvalidArgumentException("aggregation", m.name() + " appears twice");
      }
    }
    List<Metric> ms = new ArrayList<>(metrics);
    ms.add(m);
    return new Aggregation(groupBy, ms, orders, limit);
  }

  private static String path(String path, String function) {
    if (path == null || path.isBlank()) {
      throw new InvalidArgumentException("aggregation", function + " needs a spec or status path");
    }
    return path;
  }

  /** Adds the row count. */
  public Aggregation count() {
    return with(new Metric(Function.COUNT, null));
  }

  /** Adds the exact sum of the numbers at {@code path}. */
  public Aggregation sum(String path) {
    return with(new Metric(Function.SUM, path(path, "sum")));
  }

  /** Adds the average of the numbers at {@code path}. */
  public Aggregation avg(String path) {
    return with(new Metric(Function.AVG, path(path, "avg")));
  }

  /** Adds the smallest number (or earliest timestamp) at {@code path}. */
  public Aggregation min(String path) {
    return with(new Metric(Function.MIN, path(path, "min")));
  }

  /** Adds the largest number (or latest timestamp) at {@code path}. */
  public Aggregation max(String path) {
    return with(new Metric(Function.MAX, path(path, "max")));
  }

  /** Orders by a group key or an aggregate ({@link Metric#name()}), smallest first. */
  public Aggregation orderBy(String name) {
    return order(name, false);
  }

  /** Orders by a group key or an aggregate ({@link Metric#name()}), largest first. */
  public Aggregation orderByDescending(String name) {
    return order(name, true);
  }

  private Aggregation order(String name, boolean desc) {
    if (name == null || name.isBlank()) {
      throw new InvalidArgumentException("orderBy", "must name a group key or an aggregate");
    }
    List<Order> os = new ArrayList<>(orders);
    os.add(new Order(name, desc));
    return new Aggregation(groupBy, metrics, os, limit);
  }

  /** At most this many groups (1 to {@value #MAX_LIMIT}; default {@value #DEFAULT_LIMIT}). */
  public Aggregation limit(int limit) {
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit", "must be between 1 and " + MAX_LIMIT
          + ", got " + limit);
    }
    return new Aggregation(groupBy, metrics, orders, limit);
  }

  /** The group keys, in order. */
  public List<String> groupKeys() {
    return groupBy;
  }

  /** The aggregates, in the order they were added. */
  public List<Metric> metrics() {
    return metrics;
  }

  /** The ordering terms before the group keys' tie-break. */
  public List<Order> orders() {
    return orders;
  }

  /** The most groups returned. */
  public int limit() {
    return limit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Aggregation a && a.groupBy.equals(groupBy) && a.metrics.equals(metrics)
        && a.orders.equals(orders) && a.limit == limit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(groupBy, metrics, orders, limit);
  }

  @Override
  public String toString() {
    return "Aggregation{groupBy=" + groupBy + ", metrics="
        + metrics.stream().map(Metric::name).toList() + ", orders=" + orders + ", limit=" + limit
        + "}";
  }
}
