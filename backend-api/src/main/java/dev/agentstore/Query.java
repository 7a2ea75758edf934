package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.internal.Json;
import dev.agentstore.model.ExecutionPhase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code list} and {@code count} return: filters, order and one page. Pages are keyset pages
 * (never OFFSET): pass {@link Page#nextPageToken()} back with the same query to get the next page;
 * rows inserted between pages cause no duplicates and no skips. The filter rules (null and absent
 * alike, exact decimals) and limits are in docs/queries.md.
 *
 * <p>Usage: {@code Query.builder().labelSelector("env=prod").phase(ExecutionPhase.PENDING).pageSize(50).build()}
 *
 * <p>Ranges, sets and order by a field:
 * <pre>{@code
 * Query q = Query.builder().org(org)
 *     .where("status.usage.costUsd").greaterThan(new BigDecimal("0.10"))
 *     .range("status.startedAt", from, to)
 *     .filter("status.usage.inputTokens >= 1000 and spec.config.model in (\"a\", \"b\")")
 *     .phaseIn(ExecutionPhase.PENDING, ExecutionPhase.IN_PROGRESS)
 *     .orderBy("status.startedAt", true)
 *     .build();
 * }</pre>
 *
 * @param org only this org (null: every org the view can see)
 * @param labelSelector label requirements (null: none)
 * @param phase only executions in this phase (null: any)
 * @param phases only executions in one of these phases (empty: any); with {@code phase}, both
 * @param refs equality on indexed reference columns
 * @param createdAfter only resources created strictly after this instant (years 1 to 9999)
 * @param createdBefore only resources created strictly before this instant (years 1 to 9999)
 * @param timeBounds bounds on createdAt / updatedAt, at most {@link #MAX_TIME_BOUNDS}
 * @param jsonFilters conditions on spec/status fields, at most {@link #MAX_JSON_FILTERS}
 * @param orderBy the sort column when {@code orderByPath} is null; id breaks ties
 * @param orderByPath the spec/status field to sort by (null: {@code orderBy}); id breaks ties
 * @param descending newest first when true
 * @param pageSize rows per page, 1 to 1000
 * @param pageToken where the previous page ended (null: the first page)
 */
public record Query(
    String org,
    LabelSelector labelSelector,
    ExecutionPhase phase,
    Set<ExecutionPhase> phases,
    Map<RefField, String> refs,
    Instant createdAfter,
    Instant createdBefore,
    List<TimeBound> timeBounds,
    List<JsonFilter> jsonFilters,
    OrderBy orderBy,
    JsonPath orderByPath,
    boolean descending,
    int pageSize,
    String pageToken) {

  /** The default page size. */
  public static final int DEFAULT_PAGE_SIZE = 50;
  /** The largest page size. */
  public static final int MAX_PAGE_SIZE = 1000;
  /**
   * The most JSON path filters one query may carry; a filter with a value set ({@code in},
   * {@code not in}) counts once per value.
   */
  public static final int MAX_JSON_FILTERS = 64;
  /** The most createdAt / updatedAt bounds one query may carry. */
  public static final int MAX_TIME_BOUNDS = 8;
  /**
   * The earliest instant a time filter (or {@code history().prune}) accepts: the first instant of
   * year 1. Instants outside [{@link #EARLIEST_INSTANT}, {@link #LATEST_INSTANT}] are rejected.
   */
  public static final Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest instant a time filter (or {@code history().prune}) accepts: the end of year 9999. */
  public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** The columns a query can sort by. */
  public enum OrderBy {
    CREATED_AT,
    UPDATED_AT
  }

  /** How a {@link JsonFilter} compares its field. */
  public enum JsonOperator {
    /** The field holds this scalar (same JSON type; numbers by exact decimal value). */
    EQUALS,
    /** The field is absent or holds JSON null (the two are the same to every filter). */
    IS_NULL,
    /** The field is present and holds something other than JSON null. */
    IS_NOT_NULL,
    /** Below a number (exact decimals) or a timestamp (as instants); see docs/queries.md. */
    LESS_THAN,
    /** At most a number or a timestamp. */
    LESS_OR_EQUAL,
    /** Above a number or a timestamp. */
    GREATER_THAN,
    /** At least a number or a timestamp. */
    GREATER_OR_EQUAL,
    /** Equals one of the scalars of the array value (a null in it matches absent/null). */
    IN,
    /**
     * Equals none of the scalars of the array value: the negation of {@link #IN}, so absent and
     * null fields match unless the set holds null (as Kubernetes' {@code notin}).
     */
    NOT_IN,
    /** The field is an array of strings holding this string. */
    CONTAINS;

    /** Whether this is one of the four order comparisons. */
    public boolean isComparison() {
      return this == LESS_THAN || this == LESS_OR_EQUAL || this == GREATER_THAN
          || this == GREATER_OR_EQUAL;
    }
  }

  /** The metadata timestamps a {@link TimeBound} may bound. */
  public enum TimeField {
    /** {@code metadata.createdAt}. */
    CREATED_AT,
    /** {@code metadata.updatedAt}. */
    UPDATED_AT,
    /**
     * {@code metadata.expiresAt}; a resource without an expiry matches no bound. Bounds only:
     * it cannot be an order.
     */
    EXPIRES_AT;

    /** The path that names this field in filters and errors. */
    public String path() {
      return switch (this) {
        case CREATED_AT -> "metadata.createdAt";
        case UPDATED_AT -> "metadata.updatedAt";
        case EXPIRES_AT -> "metadata.expiresAt";
      };
    }
  }

  /**
   * A bound on createdAt, updatedAt or expiresAt, inclusive or exclusive by its operator.
   *
   * @param field which timestamp
   * @param operator one of the four comparisons ({@link JsonOperator#isComparison()})
   * @param value the instant (years 1 to 9999; compared to the microsecond stored, exactly)
   */
  public record TimeBound(TimeField field, JsonOperator operator, Instant value) {
    /** Checks the operator and the range of the instant. */
    public TimeBound {
      if (field == null || operator == null || !operator.isComparison() || value == null) {
        throw new InvalidArgumentException("timeBound", "needs a field, one of <, <=, >, >= and"
            + " an instant");
      }
      requireInRange(value, field.path());
    }
  }

  /**
   * One condition on a spec/status field: equality with a JSON scalar (string, number or
   * boolean), a null test, an order comparison with a number or timestamp, membership in a set
   * of scalars, or list containment. An absent field and a field holding JSON null are the same
   * (stored records omit nulls), so equality with null is {@link JsonOperator#IS_NULL}.
   *
   * @param path the field
   * @param operator how the field is compared
   * @param value the JSON scalar it is compared with (an array of scalars for {@code IN} and
   *     {@code NOT_IN}; JSON null for the null tests)
   */
  public record JsonFilter(JsonPath path, JsonOperator operator, JsonNode value) {
    /** Checks the value against the operator; equality with null becomes a null test. */
    public JsonFilter {
      if (path == null) {
        throw new InvalidArgumentException("jsonFilter", "path must not be null");
      }
      if (operator == null) {
        operator = JsonOperator.EQUALS;
      }
      String where = "jsonFilter " + path.text();
      if (operator.isComparison()) {
        if (value == null || !(value.isNumber()
            || value.isTextual() && dev.agentstore.spi.SortKeys.instant(value.textValue()) != null)) {
          throw new InvalidArgumentException(where + ": " + operator + " compares with a number"
              + " or a timestamp (yyyy-MM-ddTHH:mm:ss[.f]Z, years 0001-9999), not "
              + (value == null ? "null" : Text.clip(value.toString())));
        }
        Json.validate(value, where);
      } else if (operator == JsonOperator.IN || operator == JsonOperator.NOT_IN) {
        if (value == null || !value.isArray() || value.isEmpty()) {
          throw new InvalidArgumentException(where + ": " + operator + " takes a non-empty"
              + " array of scalars");
        }
        for (JsonNode v : value) {
          if (v.isContainerNode() || !(v.isNull() || v.isNumber() || v.isTextual()
              || v.isBoolean())) {
            throw new InvalidArgumentException(where + ": " + operator + " takes strings,"
                + " numbers, booleans or null, not " + Text.clip(v.toString()));
          }
          if (v.isNumber() || v.isTextual()) {
            Json.validate(v, where);
          }
        }
        value = value.deepCopy(); // the set is part of an immutable query
      } else if (operator == JsonOperator.CONTAINS) {
        if (value == null || !value.isTextual()) {
          throw new InvalidArgumentException(where + ": CONTAINS looks for a string in a list"
              + " of strings, not " + (value == null ? "null" : Text.clip(value.toString())));
        }
        Json.validate(value, where);
      } else if (operator != JsonOperator.EQUALS) {
        value = JsonNodeFactory.instance.nullNode();
      } else if (value == null || value.isNull() || value.isMissingNode()) {
        operator = JsonOperator.IS_NULL;
        value = JsonNodeFactory.instance.nullNode();
      } else if (value.isContainerNode()) {
        throw new InvalidArgumentException("jsonFilter " + path.canonical()
            + ": compares with a string, number, boolean or null, not an object or array");
      } else if (value.isNumber() || value.isTextual()) {
        Json.validate(value, "jsonFilter " + path.canonical());
      } else if (!value.isBoolean()) {
        throw new InvalidArgumentException("jsonFilter " + path.canonical()
            + ": compares with a string, number, boolean or null, not "
            + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
    }

    /** Equality with {@code value} (a null value means {@link JsonOperator#IS_NULL}). */
    public JsonFilter(JsonPath path, JsonNode value) {
      this(path, JsonOperator.EQUALS, value);
    }

    /** How much of {@link #MAX_JSON_FILTERS} this filter uses: one per value of a set. */
    public int weight() {
      return operator == JsonOperator.IN || operator == JsonOperator.NOT_IN ? value.size() : 1;
    }
  }

  /** The query of the eleven components before sets, time bounds and field order. */
  public Query(String org, LabelSelector labelSelector, ExecutionPhase phase,
      Map<RefField, String> refs, Instant createdAfter, Instant createdBefore,
      List<JsonFilter> jsonFilters, OrderBy orderBy, boolean descending, int pageSize,
      String pageToken) {
    this(org, labelSelector, phase, null, refs, createdAfter, createdBefore, null, jsonFilters,
        orderBy, null, descending, pageSize, pageToken);
  }

  /** Validates sizes and copies collections. */
  public Query {
    if (pageSize <= 0 || pageSize > MAX_PAGE_SIZE) {
      throw new InvalidArgumentException("pageSize", "must be between 1 and " + MAX_PAGE_SIZE
          + ", got " + pageSize);
    }
    refs = refs == null || refs.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(refs));
    jsonFilters = jsonFilters == null ? List.of() : List.copyOf(jsonFilters);
    int weight = jsonFilters.stream().mapToInt(JsonFilter::weight).sum();
    if (weight > MAX_JSON_FILTERS) {
      throw new InvalidArgumentException("jsonFilters", "at most " + MAX_JSON_FILTERS
          + " filters per query (a set counts once per value), got " + weight);
    }
    phases = phases == null || phases.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(phases));
    timeBounds = timeBounds == null ? List.of() : List.copyOf(timeBounds);
    if (timeBounds.size() > MAX_TIME_BOUNDS) {
      throw new InvalidArgumentException("timeBounds", "at most " + MAX_TIME_BOUNDS
          + " createdAt/updatedAt bounds per query, got " + timeBounds.size());
    }
    requireInRange(createdAfter, "createdAfter");
    requireInRange(createdBefore, "createdBefore");
    orderBy = orderBy == null ? OrderBy.CREATED_AT : orderBy;
    if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
      throw new InvalidArgumentException("createdAfter", "must be before createdBefore");
    }
  }

  /**
   * Checks that {@code t} (when not null) lies within [{@link #EARLIEST_INSTANT},
   * {@link #LATEST_INSTANT}]; the error names {@code field}.
   */
  public static void requireInRange(Instant t, String field) {
    if (t != null && (t.isBefore(EARLIEST_INSTANT) || t.isAfter(LATEST_INSTANT))) {
      throw new InvalidArgumentException(field, "must be between " + EARLIEST_INSTANT + " and "
          + LATEST_INSTANT + ", got " + t);
    }
  }

  /** A query for everything, first page, default size. */
  public static Query all() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this query's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.org = org;
    b.labelSelector = labelSelector;
    b.phase = phase;
    b.phases.addAll(phases);
    b.refs.putAll(refs);
    b.createdAfter = createdAfter;
    b.createdBefore = createdBefore;
    b.timeBounds.addAll(timeBounds);
    b.jsonFilters.addAll(jsonFilters);
    b.orderBy = orderBy;
    b.orderByPath = orderByPath;
    b.descending = descending;
    b.pageSize = pageSize;
    b.pageToken = pageToken;
    return b;
  }

  /** The same query asking for the page after {@code token}. */
  public Query withPageToken(String token) {
    return toBuilder().pageToken(token).build();
  }

  /** Builds a {@link Query}. Usage: {@code Query.builder().org(org).pageSize(10).build()}. */
  public static final class Builder {
    private String org;
    private LabelSelector labelSelector;
    private ExecutionPhase phase;
    private final Set<ExecutionPhase> phases = EnumSet.noneOf(ExecutionPhase.class);
    private final Map<RefField, String> refs = new EnumMap<>(RefField.class);
    private Instant createdAfter;
    private Instant createdBefore;
    private final List<TimeBound> timeBounds = new ArrayList<>();
    private final List<JsonFilter> jsonFilters = new ArrayList<>();
    private OrderBy orderBy = OrderBy.CREATED_AT;
    private JsonPath orderByPath;
    private boolean descending;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private String pageToken;

    private Builder() {}

    /** Only resources of this org. */
    public Builder org(String value) {
      this.org = value;
      return this;
    }

    /** Label requirements in Kubernetes syntax. */
    public Builder labelSelector(String selector) {
      this.labelSelector = LabelSelector.parse(selector);
      return this;
    }

    /** Label requirements. */
    public Builder labelSelector(LabelSelector selector) {
      this.labelSelector = selector;
      return this;
    }

    /** Only executions in this phase. */
    public Builder phase(ExecutionPhase value) {
      this.phase = value;
      return this;
    }

    /**
     * Only executions in one of these phases (the indexed phase column). Usage:
     * {@code phaseIn(ExecutionPhase.PENDING, ExecutionPhase.IN_PROGRESS)}
     */
    public Builder phaseIn(ExecutionPhase... values) {
      if (values == null || values.length == 0) {
        throw new InvalidArgumentException("phaseIn", "needs at least one phase");
      }
      for (ExecutionPhase p : values) {
        if (p == null) {
          throw new InvalidArgumentException("phaseIn", "phases must not be null");
        }
        phases.add(p);
      }
      return this;
    }

    /** Equality on an indexed reference column. */
    public Builder ref(RefField field, String id) {
      if (field == null || id == null) {
        throw new InvalidArgumentException("ref", "field and id must not be null");
      }
      refs.put(field, id);
      return this;
    }

    /** Only resources created strictly after {@code t}. */
    public Builder createdAfter(Instant t) {
      this.createdAfter = t;
      return this;
    }

    /** Only resources created strictly before {@code t}. */
    public Builder createdBefore(Instant t) {
      this.createdBefore = t;
      return this;
    }

    /**
     * Equality of a spec/status field with a scalar: a String, Number, Boolean, enum or null;
     * numbers compare by exact decimal value, null matches an absent field too (see
     * {@link #isNull}). Usage: {@code where("spec.config.model", "gpt-4o")}.
     */
    public Builder where(String path, Object value) {
      JsonPath p = JsonPath.parse(path);
      jsonFilters.add(new JsonFilter(p, scalar(p, value)));
      return this;
    }

    /**
     * Starts a condition on a field: a spec/status path, or {@code metadata.createdAt} /
     * {@code metadata.updatedAt}. Usage:
     * {@code where("status.usage.costUsd").greaterThan(new BigDecimal("0.10"))}
     */
    public Condition where(String path) {
      return new Condition(this, path);
    }

    /**
     * {@code from <= field < to} on a number or timestamp field (or createdAt/updatedAt); a null
     * end is open. Usage: {@code range("status.startedAt", from, to)}
     */
    public Builder range(String path, Object from, Object to) {
      if (from == null && to == null) {
        throw new InvalidArgumentException("range " + path, "needs at least one end");
      }
      if (from != null) {
        where(path).greaterOrEqual(from);
      }
      if (to != null) {
        where(path).lessThan(to);
      }
      return this;
    }

    /** The field is absent or JSON null. Usage: {@code isNull("status.error")}. */
    public Builder isNull(String path) {
      jsonFilters.add(new JsonFilter(JsonPath.parse(path), JsonOperator.IS_NULL, null));
      return this;
    }

    /** The field is present and not JSON null. Usage: {@code isNotNull("status.error")}. */
    public Builder isNotNull(String path) {
      jsonFilters.add(new JsonFilter(JsonPath.parse(path), JsonOperator.IS_NOT_NULL, null));
      return this;
    }

    /**
     * Conditions written as text, joined by {@code and}: {@code <path> <op> <JSON scalar>} with
     * {@code == != < <= > >=}, {@code <path> in (<scalars>)}, {@code not in (...)},
     * {@code between <a> and <b>}, {@code contains "<string>"}, {@code is null},
     * {@code is not null}; paths as in {@link #where(String)}, plus {@code phase in (...)} for
     * executions. {@code == null} is {@link #isNull}. The grammar is in docs/queries.md. Usage:
     * {@code filter("status.usage.inputTokens >= 1000 and spec.config.model in (\"a\", \"b\")")}
     */
    public Builder filter(String expression) {
      FilterExpressions.parse(expression, this);
      return this;
    }

    /** The sort column (created by default). */
    public Builder orderBy(OrderBy value, boolean desc) {
      this.orderBy = value;
      this.orderByPath = null;
      this.descending = desc;
      return this;
    }

    /**
     * Sorts by a spec/status field (or {@code metadata.createdAt} / {@code metadata.updatedAt}),
     * id breaking ties; absent and null fields sort after every value (last ascending, first
     * descending), other JSON types in the order given in docs/queries.md. Usage:
     * {@code orderBy("status.startedAt", true)}
     */
    public Builder orderBy(String path, boolean desc) {
      TimeField t = FilterExpressions.timeField(path);
      if (t == TimeField.EXPIRES_AT) {
        throw new InvalidArgumentException("orderBy " + path, "cannot order by metadata.expiresAt;"
            + " filter on it instead");
      }
      if (t != null) {
        return orderBy(t == TimeField.CREATED_AT ? OrderBy.CREATED_AT : OrderBy.UPDATED_AT, desc);
      }
      this.orderByPath = JsonPath.parse(path);
      this.descending = desc;
      return this;
    }

    Builder add(JsonFilter f) {
      jsonFilters.add(f);
      return this;
    }

    Builder add(TimeBound b) {
      timeBounds.add(b);
      return this;
    }

    /** Rows per page, 1 to 1000 (default 50). */
    public Builder pageSize(int value) {
      this.pageSize = value;
      return this;
    }

    /** Continue after the page that returned this token. */
    public Builder pageToken(String value) {
      this.pageToken = value;
      return this;
    }

    /** The query; invalid settings raise {@link InvalidArgumentException}. */
    public Query build() {
      return new Query(org, labelSelector, phase, phases, refs, createdAfter, createdBefore,
          timeBounds, jsonFilters, orderBy, orderByPath, descending, pageSize, pageToken);
    }

    static JsonNode scalar(JsonPath path, Object value) {
      return scalar("where " + path.canonical(), value);
    }

    static JsonNode scalar(String field, Object value) {
      JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
      if (value instanceof Instant t) {
        requireInRange(t, field);
        return f.textNode(java.time.format.DateTimeFormatter.ISO_INSTANT.format(t));
      }
      if (value == null) {
        return f.nullNode();
      }
      if (value instanceof String s) {
        return f.textNode(s);
      }
      if (value instanceof Boolean b) {
        return f.booleanNode(b);
      }
      if (value instanceof Integer || value instanceof Long || value instanceof Short
          || value instanceof Byte) {
        return f.numberNode(((Number) value).longValue());
      }
      if (value instanceof BigDecimal d) {
        return f.numberNode(d);
      }
      if ((value instanceof Double d && !Double.isFinite(d))
          || (value instanceof Float fl && !Float.isFinite(fl))) {
        throw new InvalidArgumentException(field + ": numbers must be finite, got " + value);
      }
      if (value instanceof Number n) {
        try {
          return f.numberNode(new BigDecimal(n.toString()));
        } catch (NumberFormatException e) {
          throw new InvalidArgumentException(field + ": " + value.getClass().getSimpleName()
              + " '" + Text.clip(n.toString()) + "' is not a decimal number", e);
        }
      }
      if (value instanceof Enum<?> e) {
        return f.textNode(e.name());
      }
      throw new InvalidArgumentException(field + ": compares with a String, Number,"
          + " Boolean, enum or null, not " + value.getClass().getSimpleName());
    }
  }

  /**
   * One field of a {@link Builder#where(String)} condition, waiting for its operator; each
   * operator adds the condition and returns the builder. Values are String, Number, Boolean,
   * enum, {@link Instant} (as the codec writes it) or null.
   *
   * <p>Usage: {@code Query.builder().where("spec.tags").contains("network:http").build()}
   */
  public static final class Condition {
    private final Builder builder;
    private final String path;

    private Condition(Builder builder, String path) {
      this.builder = builder;
      this.path = path;
    }

    /** Equal to {@code value} (null: absent or null). */
    public Builder eq(Object value) {
      return op(JsonOperator.EQUALS, value);
    }

    /** Below {@code value}, a number or an instant. */
    public Builder lessThan(Object value) {
      return op(JsonOperator.LESS_THAN, value);
    }

    /** At most {@code value}. */
    public Builder lessOrEqual(Object value) {
      return op(JsonOperator.LESS_OR_EQUAL, value);
    }

    /** Above {@code value}. */
    public Builder greaterThan(Object value) {
      return op(JsonOperator.GREATER_THAN, value);
    }

    /** At least {@code value}. */
    public Builder greaterOrEqual(Object value) {
      return op(JsonOperator.GREATER_OR_EQUAL, value);
    }

    /** {@code low <= field <= high}, both ends inclusive (as SQL's BETWEEN). */
    public Builder between(Object low, Object high) {
      op(JsonOperator.GREATER_OR_EQUAL, low);
      return op(JsonOperator.LESS_OR_EQUAL, high);
    }

    /** Equal to one of {@code values} (a null among them matches absent/null). */
    public Builder in(Object... values) {
      return set(JsonOperator.IN, values);
    }

    /** Equal to none of {@code values}: absent and null match unless null is among them. */
    public Builder notIn(Object... values) {
      return set(JsonOperator.NOT_IN, values);
    }

    /** The field is a list of strings holding {@code value}. */
    public Builder contains(String value) {
      return op(JsonOperator.CONTAINS, value);
    }

    /** Absent or JSON null. */
    public Builder isNull() {
      return op(JsonOperator.IS_NULL, null);
    }

    /** Present and not JSON null. */
    public Builder isNotNull() {
      return op(JsonOperator.IS_NOT_NULL, null);
    }

    private Builder set(JsonOperator op, Object... values) {
      if (values == null || values.length == 0) {
        throw new InvalidArgumentException("where " + path, op + " needs at least one value");
      }
      com.fasterxml.jackson.databind.node.ArrayNode a =
          JsonNodeFactory.withExactBigDecimals(true).arrayNode();
      for (Object v : values) {
        a.add(Builder.scalar("where " + path, v));
      }
      return FilterExpressions.add(builder, path, op, a);
    }

    private Builder op(JsonOperator op, Object value) {
      TimeField t = FilterExpressions.timeField(path);
      if (t != null) {
        if (!op.isComparison() || !(value instanceof Instant i)) {
          throw new InvalidArgumentException("where " + path, "takes <, <=, >, >= or between"
              + " with an Instant");
        }
        return builder.add(new TimeBound(t, op, i));
      }
      return FilterExpressions.add(builder, path, op, Builder.scalar("where " + path, value));
    }
  }
}
