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
import java.util.List;
import java.util.Map;

/**
 * What {@code list} and {@code count} return: filters, order and one page. Pages are keyset pages
 * (never OFFSET): pass {@link Page#nextPageToken()} back with the same query to get the next page;
 * rows inserted between pages cause no duplicates and no skips. The filter rules (null and absent
 * alike, exact decimals) and limits are in docs/queries.md.
 *
 * <p>Usage: {@code Query.builder().labelSelector("env=prod").phase(ExecutionPhase.PENDING).pageSize(50).build()}
 *
 * @param org only this org (null: every org the view can see)
 * @param labelSelector label requirements (null: none)
 * @param phase only executions in this phase (null: any)
 * @param refs equality on indexed reference columns
 * @param createdAfter only resources created strictly after this instant (years 1 to 9999)
 * @param createdBefore only resources created strictly before this instant (years 1 to 9999)
 * @param jsonFilters conditions on spec/status fields, at most {@link #MAX_JSON_FILTERS}
 * @param orderBy the sort column; id breaks ties
 * @param descending newest first when true
 * @param pageSize rows per page, 1 to 1000
 * @param pageToken where the previous page ended (null: the first page)
 */
public record Query(
    String org,
    LabelSelector labelSelector,
    ExecutionPhase phase,
    Map<RefField, String> refs,
    Instant createdAfter,
    Instant createdBefore,
    List<JsonFilter> jsonFilters,
    OrderBy orderBy,
    boolean descending,
    int pageSize,
    String pageToken) {

  /** The default page size. */
  public static final int DEFAULT_PAGE_SIZE = 50;
  /** The largest page size. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** The most JSON path filters one query may carry. */
  public static final int MAX_JSON_FILTERS = 64;
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
    IS_NOT_NULL
  }

  /**
   * One condition on a spec/status field: equality with a JSON scalar (string, number or
   * boolean), or a null test. An absent field and a field holding JSON null are the same (stored
   * records omit nulls), so equality with null is {@link JsonOperator#IS_NULL}.
   *
   * @param path the field
   * @param operator how the field is compared
   * @param value the JSON scalar it must equal (JSON null for the null tests)
   */
  public record JsonFilter(JsonPath path, JsonOperator operator, JsonNode value) {
    /** Checks that the value is a finite scalar; equality with null becomes a null test. */
    public JsonFilter {
      if (path == null) {
        throw new InvalidArgumentException("jsonFilter", "path must not be null");
      }
      if (operator == null) {
        operator = JsonOperator.EQUALS;
      }
      if (operator != JsonOperator.EQUALS) {
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
    if (jsonFilters.size() > MAX_JSON_FILTERS) {
      throw new InvalidArgumentException("jsonFilters", "at most " + MAX_JSON_FILTERS
          + " filters per query, got " + jsonFilters.size());
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
    b.refs.putAll(refs);
    b.createdAfter = createdAfter;
    b.createdBefore = createdBefore;
    b.jsonFilters.addAll(jsonFilters);
    b.orderBy = orderBy;
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
    private final Map<RefField, String> refs = new EnumMap<>(RefField.class);
    private Instant createdAfter;
    private Instant createdBefore;
    private final List<JsonFilter> jsonFilters = new ArrayList<>();
    private OrderBy orderBy = OrderBy.CREATED_AT;
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
     * A filter written as {@code spec.a.b == <JSON scalar>}, e.g. {@code spec.model == "x"};
     * {@code == null} is {@link #isNull}.
     */
    public Builder filter(String expression) {
      int eq = expression == null ? -1 : expression.indexOf("==");
      if (eq < 0) {
        throw new InvalidArgumentException("filter", "expected '<path> == <JSON scalar>', got '"
            + Text.clip(expression) + "'");
      }
      JsonPath path = JsonPath.parse(expression.substring(0, eq).trim());
      JsonNode literal = JsonLiterals.parseScalar(expression.substring(eq + 2).trim());
      jsonFilters.add(new JsonFilter(path, literal));
      return this;
    }

    /** The sort column (created by default). */
    public Builder orderBy(OrderBy value, boolean desc) {
      this.orderBy = value;
      this.descending = desc;
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
      return new Query(org, labelSelector, phase, refs, createdAfter, createdBefore, jsonFilters,
          orderBy, descending, pageSize, pageToken);
    }

    private static JsonNode scalar(JsonPath path, Object value) {
      JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
      String field = "where " + path.canonical();
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
}
