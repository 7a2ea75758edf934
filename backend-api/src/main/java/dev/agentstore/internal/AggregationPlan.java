package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.JsonPath;
import dev.agentstore.Kind;
import dev.agentstore.Labels;
import dev.agentstore.RefField;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.StoredAggregation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A public {@link Aggregation} checked against one kind (before any database call) and turned
 * into the {@link StoredAggregation} a backend runs, and the backend's rows turned into the
 * public {@link AggregateResult} (one normalisation and one average rule for every backend).
 *
 * <p>Usage: {@code AggregationPlan p = AggregationPlan.of(kind, aggregation); p.result(tx.aggregate(kind, q, p.stored()));}
 */
final class AggregationPlan {
  private static final String LABELS = "metadata.labels.";

  private final Aggregation aggregation;
  private final StoredAggregation stored;

  private AggregationPlan(Aggregation aggregation, StoredAggregation stored) {
    this.aggregation = aggregation;
    this.stored = stored;
  }

  static AggregationPlan of(Kind kind, Aggregation a) {
    return plan(a, k -> groupKey(kind, k), m -> metric(kind, m)).requireQueryable(kind);
  }

  /**
   * An aggregation over the items of executions of {@code kind} ({@code
   * ExecutionItems.aggregate}): group keys and aggregate paths name item fields, carried under
   * the root {@code status} as {@link dev.agentstore.spi.StoredItemsQuery} says, or {@code
   * metadata.org}; a group key {@code execution.<key>} names a group key of the item's
   * execution ({@code execution.spec.agentRef}, {@code execution.status.phase},
   * {@code execution.metadata.labels.team}, {@code execution.spec.config.model}).
   */
  static AggregationPlan ofItems(Kind kind, Aggregation a) {
    return plan(a, k -> itemKey(kind, k), m -> m.function() == Aggregation.Function.COUNT
        ? new StoredAggregation.Metric(m.function(), null)
        : new StoredAggregation.Metric(m.function(), itemPath(m.function().name().toLowerCase(),
            m.path())));
  }

  /** The prefix of an item group key naming a group key of the item's execution. */
  static final String EXECUTION = "execution.";

  private static StoredAggregation.GroupKey itemKey(Kind kind, String k) {
    if (k != null && k.startsWith(EXECUTION)) {
      StoredAggregation.GroupKey of = groupKey(kind, k.substring(EXECUTION.length()));
      if (of.path() != null) {
        QueryPlan.requireFilterable(kind, of.path()); // no secret, no item collection
      }
      return new StoredAggregation.GroupKey(k, of.source() == StoredAggregation.Source.JSON
          ? StoredAggregation.Source.EXECUTION_JSON : of.source(), of.path(), of.ref(),
          of.label());
    }
    if ("metadata.org".equals(k)) {
      return new StoredAggregation.GroupKey(k, StoredAggregation.Source.ORG, null, null, null);
    }
    if (k != null && k.startsWith("metadata.")) {
      throw new InvalidArgumentException("groupBy", clip(k) + ": of metadata only metadata.org"
          + " groups items; other keys name item fields (name, status, args.server) or, after"
          + " 'execution.', the execution's (execution.spec.agentRef)");
    }
    return new StoredAggregation.GroupKey(k, StoredAggregation.Source.JSON,
        itemPath("groupBy", k), null, null);
  }

  /** An item field ({@code name}, {@code args.server}) as the path backends read it by. */
  static JsonPath itemPath(String what, String field) {
    if (field == null || field.isBlank()) {
      throw new InvalidArgumentException(what, "an item field is required");
    }
    try {
      return JsonPath.parse("status." + field);
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException(what + " " + clip(field) + ": " + e.getMessage(), e);
    }
  }

  private static AggregationPlan plan(Aggregation a,
      java.util.function.Function<String, StoredAggregation.GroupKey> keyOf,
      java.util.function.Function<Aggregation.Metric, StoredAggregation.Metric> metricOf) {
    if (a == null) {
      throw new InvalidArgumentException("aggregation", "required");
    }
    if (a.groupKeys().isEmpty() && a.metrics().isEmpty()) {
      throw new InvalidArgumentException("aggregation",
          "Aggregation.all() needs at least one aggregate (count, sum, avg, min or max)");
    }
    List<StoredAggregation.GroupKey> keys = new ArrayList<>();
    for (String k : a.groupKeys()) {
      keys.add(keyOf.apply(k));
    }
    List<StoredAggregation.Metric> metrics = new ArrayList<>();
    for (Aggregation.Metric m : a.metrics()) {
      metrics.add(metricOf.apply(m));
    }
    List<StoredAggregation.Order> orders = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Aggregation.Order o : a.orders()) {
      if (!seen.add(o.name())) {
        throw new InvalidArgumentException("orderBy", clip(o.name()) + " appears twice");
      }
      int key = a.groupKeys().indexOf(o.name());
      int metric = -1;
      for (int i = 0; i < a.metrics().size(); i++) {
        if (a.metrics().get(i).name().equals(o.name())) {
          metric = i;
        }
      }
      if (key < 0 && metric < 0) {
        List<String> names = new ArrayList<>(a.groupKeys());
        a.metrics().forEach(m -> names.add(m.name()));
        throw new InvalidArgumentException("orderBy", clip(o.name())
            + " is neither a group key nor an aggregate of this aggregation (it has " + names
            + ")");
      }
      orders.add(key >= 0 ? new StoredAggregation.Order(false, key, o.descending())
          : new StoredAggregation.Order(true, metric, o.descending()));
    }
    // One row more than the limit tells whether more groups matched.
    return new AggregationPlan(a, new StoredAggregation(keys, metrics, orders, a.limit() + 1));
  }

  private static StoredAggregation.GroupKey groupKey(Kind kind, String k) {
    if ("metadata.org".equals(k)) {
      if (kind.scope() == Kind.Scope.PLATFORM) {
        throw new InvalidArgumentException("groupBy", kind.kindName() + " has no org");
      }
      return new StoredAggregation.GroupKey(k, StoredAggregation.Source.ORG, null, null, null);
    }
    if (k.startsWith(LABELS)) {
      String label = k.substring(LABELS.length());
      String problem = Labels.keyProblem(label);
      if (problem != null) {
        throw new InvalidArgumentException("groupBy", clip(k) + ": " + problem);
      }
      return new StoredAggregation.GroupKey(k, StoredAggregation.Source.LABEL, null, null,
          label);
    }
    if (k.startsWith("metadata.")) {
      throw new InvalidArgumentException("groupBy", clip(k) + ": of metadata only"
          + " metadata.org and metadata.labels.<key> are group keys");
    }
    JsonPath p = parse("groupBy", k);
    if (kind.isExecution() && isPhase(p)) {
      return new StoredAggregation.GroupKey(k, StoredAggregation.Source.PHASE, null, null, null);
    }
    Optional<RefField> ref = ref(kind, p);
    if (ref.isPresent()) {
      return new StoredAggregation.GroupKey(k, StoredAggregation.Source.REF, null, ref.get(),
          null);
    }
    return new StoredAggregation.GroupKey(k, StoredAggregation.Source.JSON, p, null, null);
  }

  private static StoredAggregation.Metric metric(Kind kind, Aggregation.Metric m) {
    if (m.function() == Aggregation.Function.COUNT) {
      return new StoredAggregation.Metric(m.function(), null);
    }
    String what = m.function().name().toLowerCase();
    JsonPath p = parse(what, m.path());
    String field = what + "(" + p.text() + ")";
    if (kind.isExecution() && isPhase(p) || ref(kind, p).isPresent()) {
      throw new InvalidArgumentException(what, field + ": " + p.text() + " is a "
          + (isPhase(p) ? "phase" : "reference id") + ", not a number"
          + (m.function() == Aggregation.Function.SUM || m.function() == Aggregation.Function.AVG
          ? "" : " or timestamp") + "; group by it instead");
    }
    boolean numeric = m.function() == Aggregation.Function.SUM
        || m.function() == Aggregation.Function.AVG;
    Optional<IndexedField> ix = IndexedField.find(kind, p);
    if (numeric && ix.isPresent() && ix.get().type() == IndexedField.Type.TIMESTAMP) {
      throw new InvalidArgumentException(what, field + ": " + p.text()
          + " is a timestamp, not a number (min and max take timestamps)");
    }
    return new StoredAggregation.Metric(m.function(), p);
  }

  private static JsonPath parse(String field, String text) {
    JsonPath p;
    try {
      p = JsonPath.parse(text);
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException(field + " " + clip(text) + ": " + e.getMessage(),
          e);
    }
    return p;
  }

  private static boolean isPhase(JsonPath p) {
    return "status".equals(p.root()) && p.segments().equals(List.of("phase"));
  }

  private static Optional<RefField> ref(Kind kind, JsonPath p) {
    if (!"spec".equals(p.root()) || p.segments().size() != 1) {
      return Optional.empty();
    }
    return kind.refFields().stream().filter(f -> f.specField().equals(p.segments().get(0)))
        .findFirst();
  }

  /** Checks the paths as filters are checked (no secrets, no child collections). */
  private AggregationPlan requireQueryable(Kind kind) {
    for (StoredAggregation.GroupKey k : stored.keys()) {
      if (k.path() != null) {
        QueryPlan.requireFilterable(kind, k.path());
      }
    }
    for (StoredAggregation.Metric m : stored.metrics()) {
      if (m.path() != null) {
        QueryPlan.requireFilterable(kind, m.path());
      }
    }
    return this;
  }

  StoredAggregation stored() {
    return stored;
  }

  /** The result when no row can match (a foreign org in a tenant view). */
  AggregateResult none() {
    if (!aggregation.groupKeys().isEmpty()) {
      return new AggregateResult(List.of(), false);
    }
    List<StoredAggregation.Value> values = new ArrayList<>();
    for (int i = 0; i < stored.metrics().size(); i++) {
      values.add(new StoredAggregation.Value(0, null, null));
    }
    return result(List.of(new StoredAggregation.Row(List.of(), values)));
  }

  /** The public result of the backend's rows. */
  AggregateResult result(List<StoredAggregation.Row> rows) {
    boolean truncated = rows.size() > aggregation.limit();
    List<AggregateResult.Row> out = new ArrayList<>();
    for (StoredAggregation.Row r : truncated ? rows.subList(0, aggregation.limit()) : rows) {
      Map<String, JsonNode> keys = new LinkedHashMap<>();
      for (int i = 0; i < aggregation.groupKeys().size(); i++) {
        JsonNode v = r.keys().get(i);
        keys.put(aggregation.groupKeys().get(i), v == null ? NullNode.getInstance()
            : v.isNumber() ? Json.nodes().numberNode(normal(v.decimalValue())) : v);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, Long> numbers = new LinkedHashMap<>();
      for (int i = 0; i < aggregation.metrics().size(); i++) {
        Aggregation.Metric m = aggregation.metrics().get(i);
        StoredAggregation.Value v = r.values().get(i);
        Object value = switch (m.function()) {
          case COUNT -> v.count();
          case SUM -> v.number() == null ? BigDecimal.ZERO : normal(v.number());
          case AVG -> v.count() == 0 || v.number() == null ? null : normal(v.number()
              .divide(BigDecimal.valueOf(v.count()), AggregateResult.AVG_CONTEXT));
          case MIN, MAX -> v.number() != null ? Json.nodes().numberNode(normal(v.number()))
              : v.instant() != null ? Json.nodes().textNode(v.instant().toString()) : null;
        };
        values.put(m.name(), value);
        if (m.function() == Aggregation.Function.SUM || m.function() == Aggregation.Function.AVG) {
          numbers.put(m.path(), v.count());
        }
      }
      out.add(new AggregateResult.Row(keys, values, numbers));
    }
    return new AggregateResult(out, truncated);
  }

  /** {@code s} quoted for an error message: at most 80 characters, control characters escaped. */
  private static String clip(String s) {
    return s == null ? "null" : "'" + Messages.clip(s) + "'";
  }

  /** Without trailing zeros, scale never negative: 2.50 is 2.5, 1E+2 is 100. */
  static BigDecimal normal(BigDecimal n) {
    BigDecimal s = n.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
