package dev.agentstore.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.JsonPath;
import dev.agentstore.Query;
import dev.agentstore.spi.ItemField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.spi.StoredAggregation;
import dev.agentstore.spi.StoredExecutionItem;
import dev.agentstore.spi.StoredItemsQuery;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.sql.DialectStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Execution items across executions ({@link StoredItemsQuery}): the item table filtered by
 * collection, org and the item filters, joined to the execution table only when the executions'
 * query has conditions beyond the org (which the item row carries). A filter
 * {@link ItemField#serving} names a column compares that column's keys; any other reads the
 * body with the dialect's JSON functions, exactly as {@code list} reads a spec/status field. The
 * order is (time key, execution id, sequence), which the (org, collection, [status | name,]
 * time, execution id, sequence) indexes hold, so a page reads only its own rows.
 *
 * <p>Usage: {@code ItemQueries.list(ctx, items, executions, query, dialect)}
 */
final class ItemQueries {
  private ItemQueries() {}

  static List<StoredExecutionItem> list(DSLContext ctx, ItemTable i, ResourceTable e,
      StoredItemsQuery q, DialectStrategy d) {
    Field<String> time = i.keys.get(ItemField.TIME);
    List<Condition> where = conditions(i, e, q, d);
    if (q.after() != null) {
      StoredItemsQuery.Cursor c = q.after();
      // A row-value seek with the redundant bound on the time key: both are index range
      // conditions, so a page starts at the cursor (QueryConditions.page says why).
      where.add(q.descending()
          ? time.le(c.timeKey()).and(DSL.row(time, i.executionId, i.seq)
              .lt(c.timeKey(), c.executionId(), c.sequence()))
          : time.ge(c.timeKey()).and(DSL.row(time, i.executionId, i.seq)
              .gt(c.timeKey(), c.executionId(), c.sequence())));
    }
    List<SortField<?>> order = new ArrayList<>();
    for (Field<?> f : List.<Field<?>>of(time, i.executionId, i.seq)) {
      order.add(q.descending() ? f.desc() : f.asc());
    }
    return ctx.select(i.executionId, i.org, i.seq, i.itemKey, i.body, time)
        .from(from(i, e, q, d)).where(where).orderBy(order).limit(q.limit())
        .fetch(r -> new StoredExecutionItem(r.value1(), r.value2(), r.value3(), r.value4(),
            r.value5(), r.value6()));
  }

  static long count(DSLContext ctx, ItemTable i, ResourceTable e, StoredItemsQuery q,
      DialectStrategy d) {
    return ctx.selectCount().from(from(i, e, q, d)).where(conditions(i, e, q, d))
        .fetchOne(0, Long.class);
  }

  /**
   * The items {@link #count} counts, as the rows of aggregate {@code a}: item paths read the
   * body; the phase, reference, label and {@code EXECUTION_JSON} keys read the item's
   * execution, which is then joined.
   */
  static Aggregates.Rows rows(ItemTable i, ResourceTable e, StoredItemsQuery q,
      StoredAggregation a, DialectStrategy d) {
    boolean byExecution = a.keys().stream().anyMatch(k -> k.source() != StoredAggregation.Source.ORG
        && k.source() != StoredAggregation.Source.JSON);
    Aggregates.Rows executions = Aggregates.resources(e, q.executions(), d);
    return new Aggregates.Rows() {
      @Override
      public Table<?> from() {
        return byExecution && executionConditions(e, q, d).isEmpty()
            ? i.table.join(e.table).on(e.id.eq(i.executionId)) : ItemQueries.from(i, e, q, d);
      }

      @Override
      public Condition where() {
        return DSL.and(conditions(i, e, q, d));
      }

      @Override
      public Field<String> doc(JsonPath path) {
        return i.body;
      }

      @Override
      public Field<String> column(StoredAggregation.GroupKey k, DialectStrategy dialect) {
        return k.source() == StoredAggregation.Source.ORG ? i.org
            : executions.column(k, dialect);
      }

      @Override
      public Field<?> keyValue(StoredAggregation.GroupKey k, DialectStrategy dialect) {
        return k.source() == StoredAggregation.Source.EXECUTION_JSON
            ? dialect.jsonValue(executions.doc(k.path()), k.path().segments())
            : Aggregates.Rows.super.keyValue(k, dialect);
      }
    };
  }

  /** The executions' conditions other than the org, which the item row answers itself. */
  private static List<Condition> executionConditions(ResourceTable e, StoredItemsQuery q,
      DialectStrategy d) {
    StoredQuery withoutOrg = q.executions().toBuilder().org(null).after(null).build();
    return QueryConditions.filters(e, withoutOrg, d);
  }

  private static Table<?> from(ItemTable i, ResourceTable e, StoredItemsQuery q,
      DialectStrategy d) {
    return executionConditions(e, q, d).isEmpty() ? i.table
        : i.table.join(e.table).on(e.id.eq(i.executionId));
  }

  private static List<Condition> conditions(ItemTable i, ResourceTable e, StoredItemsQuery q,
      DialectStrategy d) {
    List<Condition> c = new ArrayList<>();
    c.add(i.collection.eq(q.collection()));
    if (q.executions().org() != null) {
      c.add(i.org.eq(q.executions().org()));
    }
    c.addAll(executionConditions(e, q, d));
    for (Query.JsonFilter f : q.filters()) {
      c.add(filter(i, q.collection(), f, d));
    }
    return c;
  }

  private static Condition filter(ItemTable i, String collection, Query.JsonFilter f,
      DialectStrategy d) {
    Optional<ItemField> served = ItemField.serving(i.kind, collection, f);
    if (served.isEmpty()) {
      return QueryConditions.jsonCondition(i.body, f.path().segments(), f, d);
    }
    ItemField x = served.get();
    Field<String> col = i.keys.get(x.column());
    JsonNode v = f.value();
    return switch (f.operator()) {
      case IS_NULL -> col.eq(SortKeys.ABSENT);
      case IS_NOT_NULL -> col.ne(SortKeys.ABSENT);
      case EQUALS -> col.eq(x.keyOf(v));
      case IN -> col.in(keys(x, v));
      // A null in the set keeps absent fields out; without one, their key is in no set.
      case NOT_IN -> col.notIn(keys(x, v));
      case GREATER_THAN, GREATER_OR_EQUAL ->
          QueryConditions.compare(col, f.operator(), x.keyOf(v)).and(col.lt(SortKeys.ABSENT));
      case LESS_THAN, LESS_OR_EQUAL -> QueryConditions.compare(col, f.operator(), x.keyOf(v));
      case CONTAINS -> throw new IllegalStateException("CONTAINS is never served by a column");
    };
  }

  private static List<String> keys(ItemField x, JsonNode set) {
    List<String> out = new ArrayList<>();
    set.forEach(v -> out.add(x.keyOf(v)));
    return out;
  }
}
