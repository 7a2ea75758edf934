package dev.agentstore.sql.internal;

import dev.agentstore.LabelSelector;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.sql.DialectStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Turns a {@link StoredQuery} into jOOQ conditions and ordering for one resource table. Every
 * value is a bound parameter.
 *
 * <p>Usage: {@code ctx.selectFrom(t.table).where(QueryConditions.filters(t, q, dialect))}
 */
final class QueryConditions {
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
    for (Map.Entry<RefField, String> e : q.refs().entrySet()) {
      c.add(t.refs.get(e.getKey()).eq(e.getValue()));
    }
    if (q.createdAfter() != null) {
      c.add(t.createdAt.gt(q.createdAfter()));
    }
    if (q.createdBefore() != null) {
      c.add(t.createdAt.lt(q.createdBefore()));
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      Field<String> doc = "spec".equals(f.path().root()) ? t.spec : t.status;
      List<String> path = f.path().segments();
      c.add(switch (f.operator()) {
        case EQUALS -> dialect.jsonEquals(doc, path, f.value());
        case IS_NULL -> dialect.jsonIsNull(doc, path);
        case IS_NOT_NULL -> DSL.not(dialect.jsonIsNull(doc, path));
      });
    }
    return c;
  }

  /** The filters plus the keyset condition "after the cursor" in the query's order. */
  static List<Condition> page(ResourceTable t, StoredQuery q, DialectStrategy dialect) {
    List<Condition> c = filters(t, q, dialect);
    if (q.after() != null) {
      Field<Instant> sort = sortField(t, q);
      Instant v = q.after().sortValue();
      String id = q.after().id();
      // A row-value seek, (sort, id) > (v, id), with the redundant bound sort >= v: both are
      // index range conditions, so each page starts at the cursor in the (org, sort, id) index.
      // The "sort > v OR (sort = v AND id > id0)" spelling is only a filter to PostgreSQL,
      // which then scans every row before the cursor: pages got slower the deeper they went.
      c.add(q.descending()
          ? sort.le(v).and(DSL.row(sort, t.id).lt(v, id))
          : sort.ge(v).and(DSL.row(sort, t.id).gt(v, id)));
    }
    return c;
  }

  /** ORDER BY sort, id in the query's direction. */
  static List<SortField<?>> order(ResourceTable t, StoredQuery q) {
    Field<Instant> sort = sortField(t, q);
    return q.descending() ? List.of(sort.desc(), t.id.desc()) : List.of(sort.asc(), t.id.asc());
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
