package dev.agentstore.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Query;
import dev.agentstore.local.internal.SqliteFunctions;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.local.internal.jooq.DefaultSchema;
import dev.agentstore.sql.DialectStrategy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What SQLite does differently: JSON through {@code json_extract}/{@code json_type} with a bound
 * path (numbers compared exactly by an application function, see {@link SqliteFunctions}), errors by SQLite result code, and write transactions opened with {@code BEGIN IMMEDIATE}
 * so concurrent writers queue on the busy timeout instead of failing at commit.
 *
 * <p>Usage: {@code new SqlBackend(new SqliteDialect(), readers, writer, caps, dir, files, pools)}
 */
public final class SqliteDialect implements DialectStrategy {

  @Override
  public SQLDialect dialect() {
    return SQLDialect.SQLITE;
  }

  @Override
  public Schema schema() {
    return DefaultSchema.DEFAULT_SCHEMA;
  }

  @Override
  public Field<String> labelValue(Field<String> labels, String key) {
    return DSL.field("json_extract({0}, {1})", String.class, labels, DSL.val(path(List.of(key))));
  }

  @Override
  public Condition jsonEquals(Field<String> doc, List<String> path, JsonNode value) {
    Field<String> p = DSL.val(path(path));
    Field<String> type = DSL.field("json_type({0}, {1})", String.class, doc, p);
    if (value.isTextual()) {
      return type.eq(DSL.val("text")).and(DSL.field("json_extract({0}, {1})", String.class, doc, p)
          .eq(DSL.val(value.textValue())));
    }
    if (value.isNumber()) {
      return numberEquals(doc, p, type, value.decimalValue());
    }
    if (value.isBoolean()) {
      return type.eq(DSL.val(value.booleanValue() ? "true" : "false"));
    }
    throw new IllegalArgumentException("jsonEquals takes a string, number or boolean");
  }

  /**
   * Exact decimal equality. SQLite's json_extract turns a JSON number into a double (or a 64-bit
   * integer), so comparing it alone would call 0.1 equal to 0.1000000000000000055511151231257827
   * and 1e400 equal to every other number past the double range. The stored text keeps every
   * digit, though ({@code doc -> path} returns it verbatim), so the exact test is
   * {@link SqliteFunctions#DECIMAL_EQUALS}, an application function comparing that text with the
   * bound canonical text as BigDecimals (1.5 equals 1.50, -0 equals 0, as in PostgreSQL's jsonb).
   *
   * <p>A Java call per row is the costly part, so a cheap native pre-filter comes first: the
   * double value must lie within a relative 1e-9 of the bound double (wide enough for any
   * rounding SQLite's text-to-double conversion can make, so it never drops a true match; the
   * infinite ends cover numbers past the double range). SQLite evaluates AND terms left to right
   * and stops at the first false one, so only near-equal numbers reach the Java test. No index
   * serves a path filter on SQLite either way (paths are arbitrary), so this is a scan filter,
   * as before, with every value bound.
   */
  private static Condition numberEquals(Field<String> doc, Field<String> p, Field<String> type,
      BigDecimal n) {
    double d = n.doubleValue();
    double lo;
    double hi;
    if (Double.isInfinite(d)) {
      lo = d > 0 ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
      hi = d > 0 ? Double.POSITIVE_INFINITY : -Double.MAX_VALUE;
    } else {
      double margin = Math.max(Math.abs(d) * 1e-9, Double.MIN_NORMAL);
      lo = d - margin;
      hi = d + margin;
    }
    Field<Double> extracted = DSL.field("json_extract({0}, {1})", Double.class, doc, p);
    return type.in(DSL.val("integer"), DSL.val("real"))
        .and(extracted.between(DSL.val(lo, SQLDataType.DOUBLE), DSL.val(hi, SQLDataType.DOUBLE)))
        .and(DSL.condition(SqliteFunctions.DECIMAL_EQUALS + "({0} -> {1}, {2})", doc, p,
            DSL.val(n.toString())));
  }

  /**
   * Exact comparison, in the manner of {@link #numberEquals}: a native double pre-filter a
   * relative 1e-9 wide on the side the comparison keeps (it never drops a true match), then
   * {@link SqliteFunctions#DECIMAL_COMPARE} on the stored text decides.
   */
  @Override
  public Condition jsonCompareNumber(Field<String> doc, List<String> path, Query.JsonOperator op,
      BigDecimal value) {
    Field<String> p = DSL.val(path(path));
    Field<String> type = DSL.field("json_type({0}, {1})", String.class, doc, p);
    double d = value.doubleValue();
    Field<Double> extracted = DSL.field("json_extract({0}, {1})", Double.class, doc, p);
    Condition pre;
    boolean below = op == Query.JsonOperator.LESS_THAN || op == Query.JsonOperator.LESS_OR_EQUAL;
    if (Double.isInfinite(d)) {
      // Past the double range: on the far side every double passes; on the near side only the
      // numbers SQLite also rounded to the end of the range.
      if (d > 0) {
        pre = below ? DSL.noCondition()
            : extracted.ge(DSL.val(Double.MAX_VALUE, SQLDataType.DOUBLE));
      } else {
        pre = below ? extracted.le(DSL.val(-Double.MAX_VALUE, SQLDataType.DOUBLE))
            : DSL.noCondition();
      }
    } else {
      double margin = Math.max(Math.abs(d) * 1e-9, Double.MIN_NORMAL);
      pre = below ? extracted.le(DSL.val(d + margin, SQLDataType.DOUBLE))
          : extracted.ge(DSL.val(d - margin, SQLDataType.DOUBLE));
    }
    Field<Integer> cmp = DSL.field(SqliteFunctions.DECIMAL_COMPARE + "({0} -> {1}, {2})",
        Integer.class, doc, p, DSL.val(value.toString()));
    Condition exact = switch (op) {
      case LESS_THAN -> cmp.lt(0);
      case LESS_OR_EQUAL -> cmp.le(0);
      case GREATER_THAN -> cmp.gt(0);
      case GREATER_OR_EQUAL -> cmp.ge(0);
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
    return type.in(DSL.val("integer"), DSL.val("real")).and(pre).and(exact);
  }

  @Override
  public Condition jsonCompareInstant(Field<String> doc, List<String> path, Query.JsonOperator op,
      String key) {
    Field<String> p = DSL.val(path(path));
    Field<String> k = DSL.field(SqliteFunctions.INSTANT_KEY
        + "(CASE WHEN json_type({0}, {1}) = 'text' THEN json_extract({0}, {1}) END)",
        String.class, doc, p);
    Field<String> bound = DSL.val(key);
    return switch (op) {
      case LESS_THAN -> k.lt(bound);
      case LESS_OR_EQUAL -> k.le(bound);
      case GREATER_THAN -> k.gt(bound);
      case GREATER_OR_EQUAL -> k.ge(bound);
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
  }

  @Override
  public Condition jsonContains(Field<String> doc, List<String> path, String value) {
    Field<String> p = DSL.val(path(path));
    return DSL.condition("(json_type({0}, {1}) = 'array' AND EXISTS (SELECT 1 FROM"
        + " json_each({0}, {1}) e WHERE e.type = 'text' AND e.value = {2}))", doc, p,
        DSL.val(value));
  }

  /** {@code doc -> path}: the value's JSON text (a string keeps its quotes and escapes). */
  @Override
  public Field<Object> jsonValue(Field<String> doc, List<String> path) {
    return DSL.field("({0} -> {1})", Object.class, doc, DSL.val(path(path)));
  }

  @Override
  public boolean parallelAggregates() {
    return false;
  }

  @Override
  public Field<Integer> jsonSortRank(Field<String> doc, List<String> path) {
    return DSL.field("(CASE json_type({0}, {1}) WHEN 'integer' THEN 1 WHEN 'real' THEN 1"
        + " WHEN 'text' THEN 2 WHEN 'true' THEN 3 WHEN 'false' THEN 3 WHEN 'object' THEN 4"
        + " WHEN 'array' THEN 4 ELSE 5 END)", Integer.class, doc, DSL.val(path(path)));
  }

  /** The number's {@link SortKeys#decimal} key, computed by an application function. */
  @Override
  public Field<Object> jsonSortNumber(Field<String> doc, List<String> path) {
    return DSL.field("(CASE WHEN json_type({0}, {1}) IN ('integer', 'real') THEN "
        + SqliteFunctions.DECIMAL_KEY + "({0} -> {1}) END)", Object.class, doc,
        DSL.val(path(path)));
  }

  @Override
  public Field<Object> sortNumber(BigDecimal value) {
    return DSL.val(SortKeys.decimal(value), Object.class);
  }

  @Override
  public Field<String> jsonSortText(Field<String> doc, List<String> path) {
    return DSL.field("(CASE json_type({0}, {1}) WHEN 'text' THEN json_extract({0}, {1})"
        + " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)", String.class, doc,
        DSL.val(path(path)));
  }

  /** The number's JSON text ({@code doc -> path} keeps every digit); NULL for other types. */
  @Override
  public Field<Object> jsonNumber(Field<String> doc, List<String> path) {
    return DSL.field("(CASE WHEN json_type({0}, {1}) IN ('integer', 'real') THEN {0} -> {1} END)",
        Object.class, doc, DSL.val(path(path)));
  }

  /** SQLite's sum() rounds through double: an application aggregate sums the texts exactly. */
  @Override
  public Field<Object> numberSum(Field<Object> numbers) {
    return DSL.field(SqliteFunctions.DECIMAL_SUM + "({0})", Object.class, numbers);
  }

  @Override
  public Field<Object> numberMin(Field<Object> numbers) {
    return DSL.field(SqliteFunctions.DECIMAL_MIN + "({0})", Object.class, numbers);
  }

  @Override
  public Field<Object> numberMax(Field<Object> numbers) {
    return DSL.field(SqliteFunctions.DECIMAL_MAX + "({0})", Object.class, numbers);
  }

  /** The decimal texts ordered through their {@link SortKeys#decimal} keys. */
  @Override
  public Field<Object> numberOrder(Field<Object> aggregated) {
    return DSL.field(SqliteFunctions.DECIMAL_KEY + "({0})", Object.class, aggregated);
  }

  @Override
  public Field<Object> averageOrder(Field<Object> sum, Field<Integer> count) {
    return DSL.field(SqliteFunctions.AVERAGE_KEY + "({0}, {1})", Object.class, sum, count);
  }

  @Override
  public Field<String> jsonInstantKey(Field<String> doc, List<String> path) {
    return DSL.field(SqliteFunctions.INSTANT_KEY
        + "(CASE WHEN json_type({0}, {1}) = 'text' THEN json_extract({0}, {1}) END)",
        String.class, doc, DSL.val(path(path)));
  }

  @Override
  public boolean singleWriter() {
    return true;
  }

  @Override
  public String expiresAtTemplate() {
    return "json_extract({0}, '$.expiresAt')"; // an INTEGER: the codec writes whole microseconds
  }

  @Override
  public Condition jsonIsNull(Field<String> doc, List<String> path) {
    // json_type is SQL NULL for an absent path (or a NULL document), 'null' for JSON null.
    return DSL.condition("coalesce(json_type({0}, {1}), 'null') = 'null'", doc,
        DSL.val(path(path)));
  }

  /** A SQLite JSON path with every segment quoted (segments never contain quotes). */
  private static String path(List<String> segments) {
    StringBuilder b = new StringBuilder("$");
    for (String s : segments) {
      b.append(".\"").append(s).append('"');
    }
    return b.toString();
  }

  @Override
  public String declaredJsonColumn(String column) {
    return column + " TEXT NOT NULL CHECK (json_valid(" + column + "))";
  }

  @Override
  public String declaredKeyType() {
    return "VARCHAR(1100)";
  }

  @Override
  public String declaredTimeType() {
    return "BIGINT";
  }

  /**
   * SQLite cannot add a CHECK constraint to a table: two triggers refuse the rows instead. Their
   * message reads like SQLite's own CHECK failure, so it classifies as one.
   */
  @Override
  public List<String> declaredCheck(String table, String name, String condition) {
    List<String> out = new java.util.ArrayList<>();
    for (String event : List.of("INSERT", "UPDATE")) {
      out.add("CREATE TRIGGER " + name + "_" + event.toLowerCase(java.util.Locale.ROOT)
          + " BEFORE " + event + " ON " + table + " FOR EACH ROW WHEN NOT ("
          + condition.replaceAll("\\b(k_[0-9a-f]+)\\b", "NEW.$1")
          + ") BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: " + name + "'); END");
    }
    return out;
  }

  /** Drops the two triggers {@link #declaredCheck} made. */
  @Override
  public List<String> dropDeclaredCheck(String table, String name) {
    return List.of("DROP TRIGGER " + name + "_insert", "DROP TRIGGER " + name + "_update");
  }

  /**
   * SQLite's default limit since 3.32 (the bundled driver's build allows 250,000): a bulk load's
   * rows go in a few statements rather than one per 999 values.
   */
  @Override
  public int maxBindValues() {
    return 32_766;
  }

  @Override
  public ErrorKind classify(SQLException e) {
    if (!(e instanceof SQLiteException s)) {
      return ErrorKind.OTHER;
    }
    SQLiteErrorCode code = s.getResultCode();
    String name = code.name();
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
      return ErrorKind.UNIQUE;
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
      return ErrorKind.FOREIGN_KEY;
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER) {
      // SQLite runs ON DELETE RESTRICT as an internal trigger, so a blocked delete arrives as
      // SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY; its fixed message names the real cause.
      return constraintByMessage(s.getMessage());
    }
    if (name.startsWith("SQLITE_CONSTRAINT")) {
      return ErrorKind.CHECK;
    }
    if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")
        || name.startsWith("SQLITE_IOERR") || name.startsWith("SQLITE_CANTOPEN")
        || code == SQLiteErrorCode.SQLITE_FULL || code == SQLiteErrorCode.SQLITE_READONLY) {
      return ErrorKind.UNAVAILABLE;
    }
    return ErrorKind.OTHER;
  }

  /** The kind of a generic constraint error, from SQLite's fixed message wording. */
  private static ErrorKind constraintByMessage(String message) {
    String m = message == null ? "" : message;
    if (m.contains("FOREIGN KEY constraint failed")) {
      return ErrorKind.FOREIGN_KEY;
    }
    if (m.contains("UNIQUE constraint failed") || m.contains("PRIMARY KEY constraint failed")) {
      return ErrorKind.UNIQUE;
    }
    return ErrorKind.CHECK;
  }

  @Override
  public void begin(Connection c, boolean write) throws SQLException {
    exec(c, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  }

  @Override
  public void commit(Connection c) throws SQLException {
    exec(c, "COMMIT");
  }

  @Override
  public void rollback(Connection c) throws SQLException {
    // SQLite ends a transaction by itself on some errors; a ROLLBACK after that is harmless.
    try {
      exec(c, "ROLLBACK");
    } catch (SQLException e) {
      if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
        throw e;
      }
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
