package dev.agentstore.sql.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentstore.Aggregation;
import dev.agentstore.JsonPath;
import dev.agentstore.spi.StoredAggregation;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.sql.DialectStrategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One aggregate query in four selects: "vals" reads the rows with the query's filters (the
 * {@link QueryConditions} of {@code list} and {@code count}, so indexed columns serve them) and
 * takes each key's value (a JSON key as JSON, one expression per row) and each metric's input;
 * "pre" groups by those raw values and computes partial counts, sums and extremes, the part a
 * database can run in parallel; "agg" computes the key parts of each pre-group's value; the
 * outer select groups by the key parts, re-aggregating the partials (values the result treats
 * as one, such as {@code 1.5} and {@code 1.50}, may be separate pre-groups), orders and limits.
 * The derived tables keep every bound JSON path out of the GROUP BYs: PostgreSQL refuses a
 * GROUP BY expression whose bind values are not the select's own.
 *
 * <p>A JSON group key is grouped by (rank, number, text) as {@code list} sorts field values
 * (rank 1 numbers by exact value, 2 strings, 3 booleans, 5 absent; objects and arrays join the
 * absent group); a column key (org, phase, a reference, a label) by (rank 2 or 5, text).
 *
 * <p>The rows come from {@link Rows}: a kind's resources ({@link #resources}) or execution items
 * across executions ({@code ItemQueries.rows}).
 *
 * <p>Usage: {@code Aggregates.run(ctx, Aggregates.resources(table, query, dialect), aggregation, dialect)}
 */
final class Aggregates {
  private Aggregates() {}

  /**
   * The rows an aggregate reads: a table (or join), the condition selecting them, the JSON
   * document a path reads and the column a non-JSON group key reads.
   */
  interface Rows {
    /** The table or join the rows come from. */
    Table<?> from();

    /** Which rows. */
    Condition where();

    /** The document holding {@code path}. */
    Field<String> doc(JsonPath path);

    /** The column of an ORG, PHASE, REF or LABEL group key. */
    Field<String> column(StoredAggregation.GroupKey key, DialectStrategy d);

    /** A group key's value per row: a JSON key's value as JSON, another key's column. */
    default Field<?> keyValue(StoredAggregation.GroupKey k, DialectStrategy d) {
      return k.source() == StoredAggregation.Source.JSON
          ? d.jsonValue(doc(k.path()), k.path().segments()) : column(k, d);
    }
  }

  /** The resources of {@code t} that {@code q}'s filters select (the rows of {@code count}). */
  static Rows resources(ResourceTable t, StoredQuery q, DialectStrategy d) {
    return new Rows() {
      @Override
      public Table<?> from() {
        return t.table;
      }

      @Override
      public Condition where() {
        return QueryConditions.all(QueryConditions.filters(t, q, d));
      }

      @Override
      public Field<String> doc(JsonPath path) {
        return "spec".equals(path.root()) ? t.spec : t.status;
      }

      @Override
      public Field<String> column(StoredAggregation.GroupKey k, DialectStrategy dialect) {
        return switch (k.source()) {
          case ORG -> t.org;
          case PHASE -> t.phase;
          case REF -> t.refs.get(k.ref());
          case LABEL -> dialect.labelValue(t.labels, k.label());
          case JSON, EXECUTION_JSON -> throw new IllegalStateException("a JSON key has no"
              + " column");
        };
      }
    };
  }

  static List<StoredAggregation.Row> run(DSLContext ctx, Rows rows, StoredAggregation a,
      DialectStrategy d) {
    // 1. "vals": per filtered row, each key's value (a JSON key's value as JSON, "x0", ...)
    //    and each metric's input ("m0v", and "m0i" for min/max).
    List<SelectField<?>> perRow = new ArrayList<>();
    for (int i = 0; i < a.keys().size(); i++) {
      StoredAggregation.GroupKey k = a.keys().get(i);
      perRow.add(rows.keyValue(k, d).as("x" + i));
    }
    for (int j = 0; j < a.metrics().size(); j++) {
      StoredAggregation.Metric m = a.metrics().get(j);
      if (m.function() == Aggregation.Function.COUNT) {
        continue;
      }
      Field<String> doc = rows.doc(m.path());
      List<String> p = m.path().segments();
      perRow.add(d.jsonNumber(doc, p).as("m" + j + "v"));
      if (m.function() == Aggregation.Function.MIN || m.function() == Aggregation.Function.MAX) {
        perRow.add(d.jsonInstantKey(doc, p).as("m" + j + "i"));
      }
    }
    if (perRow.isEmpty()) {
      perRow.add(DSL.inline(1).as("one"));
    }
    var valuesSelect = ctx.select(perRow).from(rows.from()).where(rows.where());
    // Fenced with OFFSET 0 where the database cannot aggregate in parallel anyway: flattened,
    // SQLite would evaluate each metric's JSON expression once per aggregate reading it (an
    // aggregate was 2-3x slower). PostgreSQL leaves a fenced subquery to one process, so there
    // the rows stay unfenced and its workers scan and pre-aggregate them.
    Table<?> values = (d.parallelAggregates() ? valuesSelect : valuesSelect.offset(0))
        .asTable("vals");

    // 2. "pre": grouped by the raw values, so each row's key is one expression: the JSON
    //    text or jsonb of the value. Values the result groups as one (1.5 and 1.50, a string
    //    with and without escapes, every object and array) may still be separate here; the
    //    outer select merges them, re-aggregating these partial counts, sums and extremes.
    List<Field<?>> rawKeys = new ArrayList<>();
    for (int i = 0; i < a.keys().size(); i++) {
      rawKeys.add(values.field("x" + i, Object.class));
    }
    List<Field<?>> partial = new ArrayList<>();
    partial.add(DSL.count().as("n"));
    for (int j = 0; j < a.metrics().size(); j++) {
      StoredAggregation.Metric m = a.metrics().get(j);
      if (m.function() == Aggregation.Function.COUNT) {
        continue;
      }
      Field<Object> v = values.field("m" + j + "v", Object.class);
      partial.add(DSL.count(v).as("m" + j + "c"));
      switch (m.function()) {
        case SUM, AVG -> partial.add(d.numberSum(v).as("m" + j + "s"));
        case MIN -> {
          partial.add(d.numberMin(v).as("m" + j + "s"));
          partial.add(DSL.min(values.field("m" + j + "i", String.class)).as("m" + j + "i"));
        }
        default -> {
          partial.add(d.numberMax(v).as("m" + j + "s"));
          partial.add(DSL.max(values.field("m" + j + "i", String.class)).as("m" + j + "i"));
        }
      }
    }
    List<SelectField<?>> preColumns = new ArrayList<>(rawKeys);
    preColumns.addAll(partial);
    Table<?> pre = (rawKeys.isEmpty() ? ctx.select(preColumns).from(values)
        : ctx.select(preColumns).from(values).groupBy(rawKeys)).asTable("pre");

    // 3. "agg": the key parts of each pre-group's value, computed once per group, as the
    //    outer GROUP BY cannot hold bound expressions on PostgreSQL.
    List<SelectField<?>> inner = new ArrayList<>();
    List<String> whole = List.of();
    for (int i = 0; i < a.keys().size(); i++) {
      StoredAggregation.GroupKey k = a.keys().get(i);
      Field<String> v = pre.field("x" + i, String.class);
      if (k.json()) {
        Field<Integer> rank = d.jsonSortRank(v, whole);
        inner.add(DSL.field("(CASE WHEN {0} = 4 THEN 5 ELSE {0} END)", Integer.class, rank)
            .as("k" + i + "r"));
        inner.add(d.jsonSortNumber(v, whole).as("k" + i + "n"));
        inner.add(d.jsonNumber(v, whole).as("k" + i + "v"));
        inner.add(d.jsonSortText(v, whole).as("k" + i + "t"));
      } else {
        inner.add(DSL.when(v.isNull(), DSL.inline(5)).otherwise(DSL.inline(2))
            .as("k" + i + "r"));
        inner.add(d.bytewise(v).as("k" + i + "t"));
      }
    }
    for (Field<?> f : partial) {
      inner.add(pre.field(f.getName()));
    }
    Table<?> x = ctx.select(inner).from(pre).offset(0).asTable("agg");

    List<SelectField<?>> outer = new ArrayList<>();
    List<GroupField> group = new ArrayList<>();
    List<List<Field<?>>> keyOrder = new ArrayList<>();
    for (int i = 0; i < a.keys().size(); i++) {
      boolean json = a.keys().get(i).json();
      Field<Integer> r = x.field("k" + i + "r", Integer.class);
      Field<String> text = x.field("k" + i + "t", String.class);
      outer.add(r);
      outer.add(text);
      group.add(r);
      List<Field<?>> order = new ArrayList<>();
      order.add(r);
      if (json) {
        Field<Object> n = x.field("k" + i + "n", Object.class);
        outer.add(d.numberMin(x.field("k" + i + "v", Object.class)));
        group.add(n);
        order.add(n);
      }
      group.add(text);
      order.add(text);
      keyOrder.add(order);
    }
    List<List<Field<?>>> metricOrder = new ArrayList<>();
    for (int j = 0; j < a.metrics().size(); j++) {
      StoredAggregation.Metric m = a.metrics().get(j);
      List<Field<?>> order = new ArrayList<>();
      if (m.function() == Aggregation.Function.COUNT) {
        Field<Integer> c = total(x.field("n"));
        outer.add(c);
        order.add(c);
        metricOrder.add(order);
        continue;
      }
      Field<Object> partialValue = x.field("m" + j + "s", Object.class);
      Field<Integer> numbers = total(x.field("m" + j + "c"));
      switch (m.function()) {
        case SUM, AVG -> {
          Field<Object> sum = d.numberSum(partialValue);
          outer.add(sum);
          outer.add(numbers);
          if (m.function() == Aggregation.Function.SUM) {
            // An empty sum is zero, as the result says.
            order.add(d.numberOrder(DSL.field("coalesce({0}, {1})", Object.class, sum,
                DSL.inline("0", SQLDataType.VARCHAR))));
          } else {
            order.add(DSL.when(numbers.eq(DSL.inline(0)), DSL.inline(1))
                .otherwise(DSL.inline(0)));
            order.add(d.averageOrder(sum, numbers));
          }
        }
        default -> {
          boolean min = m.function() == Aggregation.Function.MIN;
          Field<Object> number = min ? d.numberMin(partialValue) : d.numberMax(partialValue);
          Field<String> ik = x.field("m" + j + "i", String.class);
          Field<String> instant = min ? DSL.min(ik) : DSL.max(ik);
          outer.add(number);
          outer.add(instant);
          order.add(DSL.when(numbers.gt(DSL.inline(0)), DSL.inline(1))
              .when(DSL.count(ik).gt(DSL.inline(0)), DSL.inline(2)).otherwise(DSL.inline(3)));
          order.add(d.numberOrder(number));
          order.add(instant);
        }
      }
      metricOrder.add(order);
    }
    List<SortField<?>> sort = new ArrayList<>();
    List<Integer> keysUsed = new ArrayList<>();
    for (StoredAggregation.Order o : a.orders()) {
      List<Field<?>> fs = o.metric() ? metricOrder.get(o.index()) : keyOrder.get(o.index());
      if (!o.metric()) {
        keysUsed.add(o.index());
      }
      for (Field<?> f : fs) {
        sort.add(o.descending() ? f.desc() : f.asc());
      }
    }
    for (int i = 0; i < keyOrder.size(); i++) {
      if (!keysUsed.contains(i)) {
        for (Field<?> f : keyOrder.get(i)) {
          sort.add(f.asc());
        }
      }
    }
    // Without keys, no GROUP BY at all: one row also over no rows (jOOQ would render
    // GROUP BY () in a way that returns no row then).
    List<Record> records = group.isEmpty()
        ? ctx.select(outer).from(x).limit(a.limit()).fetch()
        : ctx.select(outer).from(x).groupBy(group).orderBy(sort).limit(a.limit()).fetch();
    List<StoredAggregation.Row> out = new ArrayList<>(records.size());
    for (Record rec : records) {
      out.add(row(rec, a));
    }
    return out;
  }

  /** The sum of a group's partial counts (a count, as the driver returns it). */
  private static Field<Integer> total(Field<?> counts) {
    return DSL.field("sum({0})", Integer.class, counts);
  }

  private static StoredAggregation.Row row(Record rec, StoredAggregation a) {
    int c = 0;
    List<JsonNode> keys = new ArrayList<>();
    for (StoredAggregation.GroupKey k : a.keys()) {
      int rank = ((Number) rec.get(c++)).intValue();
      String text = (String) rec.get(c++);
      BigDecimal number = k.json() ? decimal(rec.get(c++))
          : null;
      keys.add(switch (rank) {
        case 1 -> DecimalNode.valueOf(number);
        case 2 -> TextNode.valueOf(text);
        case 3 -> BooleanNode.valueOf("true".equals(text));
        default -> NullNode.getInstance();
      });
    }
    List<StoredAggregation.Value> values = new ArrayList<>();
    for (StoredAggregation.Metric m : a.metrics()) {
      switch (m.function()) {
        case COUNT -> values.add(new StoredAggregation.Value(count(rec.get(c++)), null, null));
        case SUM, AVG -> {
          BigDecimal sum = decimal(rec.get(c++));
          values.add(new StoredAggregation.Value(count(rec.get(c++)), sum, null));
        }
        default -> {
          BigDecimal number = decimal(rec.get(c++));
          String key = (String) rec.get(c++);
          values.add(new StoredAggregation.Value(0, number, number == null ? instant(key)
              : null));
        }
      }
    }
    return new StoredAggregation.Row(keys, values);
  }

  private static long count(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  /** A BigDecimal from the driver, or from a decimal text (SQLite's application aggregates). */
  private static BigDecimal decimal(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof BigDecimal b) {
      return b;
    }
    return new BigDecimal(o.toString());
  }

  /** The instant of a {@code SortKeys.instant} key: yyyyMMddHHmmss then nine fraction digits. */
  static Instant instant(String key) {
    if (key == null) {
      return null;
    }
    return LocalDateTime.of(Integer.parseInt(key.substring(0, 4)),
        Integer.parseInt(key.substring(4, 6)), Integer.parseInt(key.substring(6, 8)),
        Integer.parseInt(key.substring(8, 10)), Integer.parseInt(key.substring(10, 12)),
        Integer.parseInt(key.substring(12, 14)), Integer.parseInt(key.substring(14, 23)))
        .toInstant(ZoneOffset.UTC);
  }
}
