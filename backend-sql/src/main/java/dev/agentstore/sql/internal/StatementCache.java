package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * The SQL text of the hot statements, rendered by jOOQ once per (statement, kind) and reused. jOOQ
 * renders a statement from its DSL tree on every execution, and the benchmarks showed that render
 * as the largest share of the library's own CPU on the hot paths (about 40% of a get). A cached
 * text runs as a plain SQL query whose bind values are typed {@link Param}s of the same columns,
 * so values go through the same bindings and converters as before, and a result is read through
 * the table's own fields.
 *
 * <p>Only statements whose text depends on nothing but the kind (and, for reads of executions'
 * items, how many ids and collections they name) are cached: the columns a kind writes are
 * fixed, so the text is too. Everything else keeps using the DSL directly. The cached texts run
 * through {@link DirectJdbc}, bypassing jOOQ's execution pipeline as well.
 *
 * <p>Usage: {@code new SqlTransaction(ctx, schema, dialect, errors, new StatementCache(), false)}
 * (one cache per backend); inside, {@code direct.updateRows(cache.sql(Shape.INSERT, kind, () -> q), columns, rows)}
 */
public final class StatementCache {
  /** The cached statement shapes. */
  enum Shape {
    FIND,
    FIND_FOR_UPDATE,
    FIND_BY_SLUG,
    FIND_BY_SLUG_IN_ORG,
    FIND_WITH_ITEMS,
    FIND_WITH_ITEMS_FOR_UPDATE,
    FIND_HEAD_FOR_UPDATE,
    INSERT,
    UPDATE,
    UPDATE_CHANGED,
    HISTORY_INSERT_ONE,
    ITEMS_OF_FEW,
    TOUCH,
    BUMP_VERSION,
    LAST_SEQ
  }

  /** Per shape, the text by kind name ("" for statements that are the same for every kind). */
  private final Map<Shape, ConcurrentHashMap<String, String>> texts = new EnumMap<>(Shape.class);

  /** An empty cache; one per backend, since the text depends on its dialect and settings. */
  public StatementCache() {
    for (Shape s : Shape.values()) {
      texts.put(s, new ConcurrentHashMap<>());
    }
  }

  /**
   * The text of {@code shape} for {@code kind}, rendered from {@code query} the first time; the
   * query must be built with the dialect and settings of the transactions that run the text.
   * {@code kind} is null for statements that are the same for every kind.
   */
  String sql(Shape shape, Kind kind, Supplier<? extends Query> query) {
    return sqlInSlot(shape, kind == null ? "" : kind.name(), query);
  }

  /**
   * {@link #sql(Shape, Kind, Supplier)} under a slot of the caller's choosing: the kind's name
   * plus whatever else the text depends on (such as how many values an IN list has).
   */
  String sqlInSlot(Shape shape, String slot, Supplier<? extends Query> query) {
    return textInSlot(shape, slot, () -> query.get().getSQL(ParamType.INDEXED));
  }

  /**
   * {@link #sql(Shape, Kind, Supplier)} of an UPDATE or INSERT that ends in
   * {@code RETURNING returned} (see {@link #returning} for why the clause is added here).
   */
  String sqlReturning(Shape shape, Kind kind, Supplier<? extends Query> query,
      Field<?>... returned) {
    return textInSlot(shape, kind == null ? "" : kind.name(),
        () -> returning(query.get(), returned));
  }

  private String textInSlot(Shape shape, String slot, Supplier<String> render) {
    ConcurrentHashMap<String, String> byKind = texts.get(shape);
    String text = byKind.get(slot);
    if (text == null) {
      // A race renders twice and stores equal strings: harmless.
      text = render.get();
      byKind.put(slot, text);
    }
    return text;
  }

  /**
   * The text of {@code query} followed by {@code RETURNING} and the columns. The clause is
   * added to the text here: jOOQ leaves a statement's {@code returning(...)} out of the text it
   * renders for SQLite (it asks the driver for generated keys instead), while SQLite (3.35 on)
   * and PostgreSQL both run it in the statement.
   */
  private static String returning(Query query, Field<?>... returned) {
    DSLContext ctx = DSL.using(query.configuration());
    StringBuilder b = new StringBuilder(query.getSQL(ParamType.INDEXED)).append(" returning ");
    for (int i = 0; i < returned.length; i++) {
      b.append(i == 0 ? "" : ", ").append(ctx.render(returned[i].getUnqualifiedName()));
    }
    return b.toString();
  }

  /**
   * Multi-row INSERTs of up to this many rows, and item reads of up to this many executions, are
   * cached: larger texts are rare and long.
   */
  static final int MAX_CACHED_ROWS = 100;

  /** Multi-row INSERT texts by table, columns and row count. */
  private final ConcurrentHashMap<String, String> multiRowInserts = new ConcurrentHashMap<>();

  /**
   * The text of an INSERT of {@code rows} rows into {@code columns} of {@code table}
   * ({@code INSERT ... VALUES (...), (...)}), where {@code insertOf.apply(n)} builds such an
   * INSERT of n rows (any values: the text has a placeholder for each). The texts of one, two
   * and three rows are rendered once per table and columns; from them any row count's text is
   * the first row's text followed by the second row's tuple repeated, so a bulk insert of
   * hundreds of rows costs no render. Should the three texts not show that shape, each row
   * count's text is rendered as jOOQ renders it (cached up to {@link #MAX_CACHED_ROWS} rows).
   */
  String multiRowInsert(org.jooq.Table<?> table, List<? extends Field<?>> columns, int rows,
      IntFunction<? extends Query> insertOf) {
    RowTemplate t = rowTemplates.computeIfAbsent(insertKey("values", table, columns),
        k -> RowTemplate.of(insertOf));
    return t.repeats() ? t.text(rows) : insertText("values", table, columns, rows,
        () -> insertOf.apply(rows).getSQL(ParamType.INDEXED));
  }

  /** The row templates of multi-row INSERT texts, by table and columns. */
  private final ConcurrentHashMap<String, RowTemplate> rowTemplates = new ConcurrentHashMap<>();

  /**
   * A multi-row INSERT text as its one-row text and the text each further row adds (the
   * separator and the row's tuple of placeholders); {@code repeats} false when the rendered
   * texts do not grow that way.
   */
  private record RowTemplate(String first, String more, boolean repeats) {
    static RowTemplate of(IntFunction<? extends Query> insertOf) {
      String one = insertOf.apply(1).getSQL(ParamType.INDEXED);
      String two = insertOf.apply(2).getSQL(ParamType.INDEXED);
      String three = insertOf.apply(3).getSQL(ParamType.INDEXED);
      if (!two.startsWith(one)) {
        return new RowTemplate(one, "", false);
      }
      String more = two.substring(one.length());
      return new RowTemplate(one, more, !more.isEmpty() && three.equals(two + more));
    }

    String text(int rows) {
      StringBuilder b = new StringBuilder(first.length() + more.length() * (rows - 1));
      b.append(first);
      for (int r = 1; r < rows; r++) {
        b.append(more);
      }
      return b.toString();
    }
  }

  /**
   * {@link #multiRowInsert(org.jooq.Table, List, int, Supplier)} for one {@code form} of
   * INSERT among several of the same table, columns and row count.
   */
  String multiRowInsert(String form, org.jooq.Table<?> table, List<? extends Field<?>> columns,
      int rows, Supplier<? extends Query> query) {
    return insertText(form, table, columns, rows, () -> query.get().getSQL(ParamType.INDEXED));
  }

  /**
   * {@link #multiRowInsert(String, org.jooq.Table, List, int, Supplier)} of one row, ending in
   * {@code RETURNING returned} (see {@link #returning}).
   */
  String insertReturning(String form, org.jooq.Table<?> table, List<? extends Field<?>> columns,
      Supplier<? extends Query> query, Field<?> returned) {
    return insertText(form + ":returning:" + returned.getName(), table, columns, 1,
        () -> returning(query.get(), returned));
  }

  private String insertText(String form, org.jooq.Table<?> table,
      List<? extends Field<?>> columns, int rows, Supplier<String> text) {
    if (rows > MAX_CACHED_ROWS) {
      return text.get();
    }
    return multiRowInserts.computeIfAbsent(insertKey(form, table, columns) + ':' + rows,
        k -> text.get());
  }

  private static String insertKey(String form, org.jooq.Table<?> table,
      List<? extends Field<?>> columns) {
    StringBuilder key = new StringBuilder(form).append(':').append(table.getName());
    for (Field<?> c : columns) {
      key.append(':').append(c.getName());
    }
    return key.toString();
  }

  /** The row-with-items statement builders, by kind and whether they lock. */
  private final ConcurrentHashMap<String, RowWithItems> rowWithItems = new ConcurrentHashMap<>();

  /** The builder (and reader) of the statement that reads a row with its items. */
  RowWithItems rowWithItems(ResourceTable t, ItemTable items, boolean lock) {
    return rowWithItems.computeIfAbsent(t.kind.name() + ":" + lock,
        k -> new RowWithItems(t, items, lock));
  }

  /** A bind value typed by its column, so it goes through the column's binding and converter. */
  @SuppressWarnings("unchecked")
  static Param<?> bind(Field<?> column, Object value) {
    return DSL.val(value, (Field<Object>) column);
  }
}
