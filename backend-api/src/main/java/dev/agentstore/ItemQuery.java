package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Which items of an {@link ItemCollection} to read: those after a sequence, up to a limit,
 * matching filters on declared item fields (each served by the field's index). Equality and
 * {@code IN} take the field's type (numbers by exact decimal value, timestamps as instants);
 * the order comparisons take INTEGER, DECIMAL and TIMESTAMP fields; null matches an absent
 * field. A filter on an undeclared field is an {@link InvalidArgumentException} naming it.
 *
 * <p>Usage: {@code events.list(ItemQuery.builder().after(lastSeen).where("type", "tool").limit(100).build())}
 *
 * @param afterSequence only items with a higher sequence (0: from the first)
 * @param limit at most this many items, 1 to {@link Query#MAX_PAGE_SIZE}
 * @param filters conditions on declared item fields, all of which must hold
 */
public record ItemQuery(long afterSequence, int limit, List<Filter> filters) {

  /**
   * A condition on a declared item field.
   *
   * @param field the field's name
   * @param operator how it compares (EQUALS, IN, NOT_IN, IS_NULL, IS_NOT_NULL or an order
   *     comparison)
   * @param value the scalar compared with (an array for IN / NOT_IN; null for the null tests)
   */
  public record Filter(String field, Query.JsonOperator operator, JsonNode value) {

    /** Equality with {@code value} (a String, Number, Boolean, Instant or enum; null: absent). */
    static Filter of(String field, Object value) {
      JsonNode v = Query.Builder.scalar("where " + field, value);
      return new Filter(field, v.isNull() ? Query.JsonOperator.IS_NULL
          : Query.JsonOperator.EQUALS, v);
    }

    /** A comparison by {@code operator} (not IN / NOT_IN, which take sets, nor CONTAINS). */
    static Filter of(String field, Query.JsonOperator operator, Object value) {
      if (operator == null) {
        throw new InvalidArgumentException("operator", "required");
      }
      if (operator == Query.JsonOperator.IN || operator == Query.JsonOperator.NOT_IN) {
        throw new InvalidArgumentException("where " + field, "use in(...) / notIn(...) for "
            + operator);
      }
      if (operator == Query.JsonOperator.CONTAINS) {
        throw new InvalidArgumentException("where " + field, "item fields hold single values;"
            + " CONTAINS has nothing to look in");
      }
      return new Filter(field, operator, Query.Builder.scalar("where " + field, value));
    }

    /** IN or NOT IN {@code values} (at least one). */
    static Filter set(String field, Query.JsonOperator op, Object... values) {
      if (values == null || values.length == 0) {
        throw new InvalidArgumentException(op + " " + field, "needs at least one value");
      }
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      for (Object v : values) {
        a.add(Query.Builder.scalar(op + " " + field, v));
      }
      return new Filter(field, op, a);
    }
  }

  /** Checks the bounds and copies the filters. */
  public ItemQuery {
    if (afterSequence < 0) {
      throw new InvalidArgumentException("afterSequence", "must be >= 0, got " + afterSequence);
    }
    if (limit < 1 || limit > Query.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException("limit", "must be 1 to " + Query.MAX_PAGE_SIZE
          + ", got " + limit);
    }
    filters = List.copyOf(filters);
    if (filters.size() > Query.MAX_JSON_FILTERS) {
      throw new InvalidArgumentException("filters", "at most " + Query.MAX_JSON_FILTERS);
    }
  }

  /** The first {@link Query#DEFAULT_PAGE_SIZE} items. */
  public static ItemQuery all() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link ItemQuery}.
   *
   * <p>Usage: {@code ItemQuery.builder().where("at", Query.JsonOperator.GREATER_OR_EQUAL, since).build()}
   */
  public static final class Builder {
    private long afterSequence;
    private int limit = Query.DEFAULT_PAGE_SIZE;
    private final List<Filter> filters = new ArrayList<>();

    private Builder() {}

    /** Only items with a sequence above {@code sequence}. */
    public Builder after(long sequence) {
      this.afterSequence = sequence;
      return this;
    }

    /** At most {@code value} items. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** The field holds {@code value} (a String, Number, Boolean, Instant or enum; null: absent). */
    public Builder where(String field, Object value) {
      filters.add(Filter.of(field, value));
      return this;
    }

    /** The field compares with {@code value} by {@code operator}. */
    public Builder where(String field, Query.JsonOperator operator, Object value) {
      filters.add(Filter.of(field, operator, value));
      return this;
    }

    /** The field holds one of {@code values}. */
    public Builder in(String field, Object... values) {
      filters.add(Filter.set(field, Query.JsonOperator.IN, values));
      return this;
    }

    /** The field holds none of {@code values}. */
    public Builder notIn(String field, Object... values) {
      filters.add(Filter.set(field, Query.JsonOperator.NOT_IN, values));
      return this;
    }

    /** The query. */
    public ItemQuery build() {
      return new ItemQuery(afterSequence, limit, filters);
    }
  }
}
