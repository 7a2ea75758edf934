package dev.agentstore.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.JsonPath;
import dev.agentstore.LabelSelector;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.sql.DialectStrategy;
import dev.agentstore.sql.EpochMicrosInstantConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Turns a {@link StoredQuery} into jOOQ conditions and ordering for one resource table. Every
 * value is a bound parameter. A spec/status filter or sort uses an indexed column exactly when
 * {@link IndexedField#serving} / {@link IndexedField#servingOrder} say so (the decision
 * {@code explain} reports); otherwise the dialect's JSON expressions.
 *
 * <p>Usage: {@code ctx.selectFrom(t.table).where(QueryConditions.filters(t, q, dialect))}
 */
final class QueryConditions {
  /** Sort ranks of JSON types in an order by a field: numbers, strings, booleans, containers, absent. */
  /** Bounds on {@code metadata.expiresAt} compare in the stored unit (microseconds). */
  private static final EpochMicrosInstantConverter MICROS = new EpochMicrosInstantConverter();
  static final int RANK_NUMBER = 1;
  static final int RANK_STRING = 2;
  static final int RANK_BOOLEAN = 3;
  static final int RANK_CONTAINER = 4;
  static final int RANK_ABSENT = 5;

  private QueryConditions() {}

  /** The filters of {@code q} (without the keyset cursor). */
  static List<Condition> filters(ResourceTable t, StoredQuery q, DialectStrategy dialect) {
    List<Condition> c = new ArrayList<>();
    if (q.org() != null) {
      c.add(t.org.eq(q.org()));
    }
    if (q.labelSelector() != null) {
      for (LabelSelector.Requirement r : q.labelSelector().requirements()) {
        c.add(r.operator() == LabelSelector.Operator.EQUALS
            ? dialect.labelEquals(t.labels, r.key(), r.values().get(0))
            : label(dialect.labelValue(t.labels, r.key()), r));
      }
    }
    if (q.phase() != null) {
      c.add(t.phase.eq(q.phase().name()));
    }
    if (!q.phases().isEmpty()) {
      c.add(t.phase.in(q.phases().stream().map(Enum::name).toList()));
    }
    for (Map.Entry<RefField, String> e : q.refs().entrySet()) {
      c.add(t.refs.get(e.getKey()).eq(e.getValue()));
    }
    if (q.createdAfter() != null) {
      c.add(t.createdAt.gt(q.createdAfter()));
    }
    if (q.createdBefore() != null) {
      c.add(t.createdAt.lt(q.createdBefore()));
    }
    for (Query.TimeBound b : q.timeBounds()) {
      if (b.field() == Query.TimeField.EXPIRES_AT) {
        c.add(compare(dialect.expiresAt(t.metadata), b.operator(), MICROS.to(b.value())));
        continue;
      }
      Field<Instant> f = b.field() == Query.TimeField.CREATED_AT ? t.createdAt : t.updatedAt;
      c.add(compare(f, b.operator(), b.value()));
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      c.add(jsonFilter(t, f, dialect));
    }
    return c;
  }

  static <T> Condition compare(Field<T> f, Query.JsonOperator op, T v) {
    return switch (op) {
      case LESS_THAN -> f.lt(v);
      case LESS_OR_EQUAL -> f.le(v);
      case GREATER_THAN -> f.gt(v);
      case GREATER_OR_EQUAL -> f.ge(v);
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
  }

  private static Condition jsonFilter(ResourceTable t, Query.JsonFilter f,
      DialectStrategy dialect) {
    Optional<IndexedField> ix = IndexedField.serving(t.kind, f);
    if (ix.isPresent()) {
      Field<String> col = t.indexed.get(ix.get());
      if (f.operator() == Query.JsonOperator.EQUALS) {
        return col.eq(ix.get().keyOf(f.value()));
      }
      if (f.operator() == Query.JsonOperator.IN || f.operator() == Query.JsonOperator.NOT_IN) {
        List<String> keys = new ArrayList<>();
        f.value().forEach(e -> keys.add(ix.get().keyOf(e))); // null: the absent key
        Condition in = col.in(keys);
        return f.operator() == Query.JsonOperator.IN ? in : DSL.not(in);
      }
      String key = ix.get().keyOf(f.value());
      Condition cmp = compare(col, f.operator(), key);
      // The absent key sorts after every value: keep it out of lower bounds.
      return f.operator() == Query.JsonOperator.GREATER_THAN
          || f.operator() == Query.JsonOperator.GREATER_OR_EQUAL
          ? cmp.and(col.lt(SortKeys.ABSENT)) : cmp;
    }
    Field<String> doc = "spec".equals(f.path().root()) ? t.spec : t.status;
    return jsonCondition(doc, f.path().segments(), f, dialect);
  }

  /** {@code f} on the JSON at {@code path} of {@code doc}, in the dialect's JSON functions. */
  static Condition jsonCondition(Field<String> doc, List<String> path, Query.JsonFilter f,
      DialectStrategy dialect) {
    JsonNode v = f.value();
    return switch (f.operator()) {
      case EQUALS -> dialect.jsonEquals(doc, path, v);
      case IS_NULL -> dialect.jsonIsNull(doc, path);
      case IS_NOT_NULL -> DSL.not(dialect.jsonIsNull(doc, path));
      case LESS_THAN, LESS_OR_EQUAL, GREATER_THAN, GREATER_OR_EQUAL -> v.isNumber()
          ? dialect.jsonCompareNumber(doc, path, f.operator(), v.decimalValue())
          : dialect.jsonCompareInstant(doc, path, f.operator(), SortKeys.instant(v.textValue()));
      case IN -> in(doc, path, v, dialect);
      case NOT_IN -> notIn(doc, path, v, dialect);
      case CONTAINS -> dialect.jsonContains(doc, path, v.textValue());
    };
  }

  /** Equal to one of the set's scalars; a null in the set matches absent and null. */
  private static Condition in(Field<String> doc, List<String> path, JsonNode set,
      DialectStrategy dialect) {
    List<Condition> any = new ArrayList<>();
    for (JsonNode v : set) {
      any.add(v.isNull() ? dialect.jsonIsNull(doc, path) : dialect.jsonEquals(doc, path, v));
    }
    return DSL.or(any);
  }

  /**
   * The negation of {@link #in}, never SQL NULL: absent and null fields match unless the set
   * holds null. Equality conditions are never NULL on a present field, so NOT of them is safe
   * once absent fields are decided by the null test.
   */
  private static Condition notIn(Field<String> doc, List<String> path, JsonNode set,
      DialectStrategy dialect) {
    boolean hasNull = false;
    List<Condition> any = new ArrayList<>();
    for (JsonNode v : set) {
      if (v.isNull()) {
        hasNull = true;
      } else {
        any.add(dialect.jsonEquals(doc, path, v));
      }
    }
    Condition absent = dialect.jsonIsNull(doc, path);
    if (any.isEmpty()) {
      return DSL.not(absent);
    }
    Condition none = DSL.not(DSL.or(any));
    return hasNull ? DSL.not(absent).and(none) : absent.or(none);
  }

  /** The filters plus the keyset condition "after the cursor" in the query's order. */
  static List<Condition> page(ResourceTable t, StoredQuery q, DialectStrategy dialect) {
    List<Condition> c = filters(t, q, dialect);
    if (q.after() == null) {
      return c;
    }
    String id = q.after().id();
    if (q.orderByPath() != null) {
      c.add(afterField(t, q, dialect));
      return c;
    }
    Field<Instant> sort = sortField(t, q);
    Instant v = q.after().sortValue();
    // A row-value seek, (sort, id) > (v, id), with the redundant bound sort >= v: both are
    // index range conditions, so each page starts at the cursor in the (org, sort, id) index.
    // The "sort > v OR (sort = v AND id > id0)" spelling is only a filter to PostgreSQL,
    // which then scans every row before the cursor: pages got slower the deeper they went.
    c.add(seek(sort, v, t.id, id, q.descending()));
    return c;
  }

  private static <T> Condition seek(Field<T> sort, T v, Field<String> idField, String id,
      boolean desc) {
    return desc
        ? sort.le(v).and(DSL.row(sort, idField).lt(v, id))
        : sort.ge(v).and(DSL.row(sort, idField).gt(v, id));
  }

  private static Condition afterField(ResourceTable t, StoredQuery q, DialectStrategy dialect) {
    JsonPath p = q.orderByPath();
    JsonNode v = q.after().fieldValue();
    if (v == null) {
      throw new IllegalStateException("a cursor of an order by " + p.canonical()
          + " carries no field value");
    }
    String id = q.after().id();
    boolean desc = q.descending();
    Optional<IndexedField> ix = IndexedField.servingOrder(t.kind, p);
    if (ix.isPresent()) {
      return seek(t.indexed.get(ix.get()), ix.get().keyOf(v), t.id, id, desc);
    }
    Field<String> doc = "spec".equals(p.root()) ? t.spec : t.status;
    List<String> path = p.segments();
    int rank = rank(v);
    Field<Integer> r = dialect.jsonSortRank(doc, path);
    Condition afterId = desc ? t.id.lt(id) : t.id.gt(id);
    Condition within = switch (rank) {
      case RANK_NUMBER -> {
        Field<Object> n = dialect.jsonSortNumber(doc, path);
        Field<Object> bound = dialect.sortNumber(v.decimalValue());
        yield (desc ? n.lt(bound) : n.gt(bound)).or(n.eq(bound).and(afterId));
      }
      case RANK_STRING, RANK_BOOLEAN -> {
        Field<String> s = dialect.jsonSortText(doc, path);
        String text = v.isTextual() ? v.textValue() : v.asText();
        yield (desc ? s.lt(text) : s.gt(text)).or(s.eq(text).and(afterId));
      }
      default -> afterId;
    };
    return (desc ? r.lt(rank) : r.gt(rank)).or(r.eq(rank).and(within));
  }

  /** The sort rank of a JSON value (absent and null last). */
  static int rank(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return RANK_ABSENT;
    }
    if (v.isNumber()) {
      return RANK_NUMBER;
    }
    if (v.isTextual()) {
      return RANK_STRING;
    }
    if (v.isBoolean()) {
      return RANK_BOOLEAN;
    }
    return RANK_CONTAINER;
  }

  /** ORDER BY sort, id in the query's direction. */
  static List<SortField<?>> order(ResourceTable t, StoredQuery q, DialectStrategy dialect) {
    boolean desc = q.descending();
    List<Field<?>> keys = new ArrayList<>();
    if (q.orderByPath() == null) {
      keys.add(sortField(t, q));
    } else {
      JsonPath p = q.orderByPath();
      Optional<IndexedField> ix = IndexedField.servingOrder(t.kind, p);
      if (ix.isPresent()) {
        keys.add(t.indexed.get(ix.get()));
      } else {
        Field<String> doc = "spec".equals(p.root()) ? t.spec : t.status;
        keys.add(dialect.jsonSortRank(doc, p.segments()));
        keys.add(dialect.jsonSortNumber(doc, p.segments()));
        keys.add(dialect.jsonSortText(doc, p.segments()));
      }
    }
    keys.add(t.id);
    List<SortField<?>> out = new ArrayList<>();
    for (Field<?> k : keys) {
      out.add(desc ? k.desc() : k.asc());
    }
    return out;
  }

  private static Field<Instant> sortField(ResourceTable t, StoredQuery q) {
    return q.orderBy() == Query.OrderBy.UPDATED_AT ? t.updatedAt : t.createdAt;
  }

  private static Condition label(Field<String> value, LabelSelector.Requirement r) {
    return switch (r.operator()) {
      case EQUALS -> value.eq(r.values().get(0)); // dialects may override via labelEquals
      case NOT_EQUALS -> value.isNull().or(value.ne(r.values().get(0)));
      case IN -> value.in(r.values());
      case NOT_IN -> value.isNull().or(value.notIn(r.values()));
      case EXISTS -> value.isNotNull();
      case DOES_NOT_EXIST -> value.isNull();
    };
  }

  /** A condition that is always true, for empty filter lists. */
  static Condition all(List<Condition> c) {
    return c.isEmpty() ? DSL.noCondition() : DSL.and(c);
  }
}
