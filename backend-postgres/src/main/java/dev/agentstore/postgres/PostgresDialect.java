package dev.agentstore.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstore.Query;
import dev.agentstore.postgres.internal.jooq.DefaultSchema;
import dev.agentstore.sql.DialectStrategy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What PostgreSQL does differently: JSONB operators (label equality as containment, so the GIN
 * index on labels serves it; JSON path equality by exact JSONB comparison), errors by SQLState,
 * and a table lock that change-feed reads take so that they never skip a history row committed
 * late (writers share it; see {@link #beforeFeedRead}).
 *
 * <p>Usage: {@code new SqlBackend(new PostgresDialect(), pool, pool, caps, null, List.of(), pool)}
 */
public final class PostgresDialect implements DialectStrategy {
  /**
   * The table whose locks order history: every history INSERT first takes ROW EXCLUSIVE on it
   * (a statement trigger, migration 9), a change-feed read takes SHARE.
   */
  static final String HISTORY_ORDER_TABLE = "agentstore_history_order";
  /** The advisory lock key of applying kind definitions ("agstkind" in ASCII). */
  static final long DECLARED_KINDS_LOCK = 0x616773746b696e64L;
  /** Bytes of COPY data sent at once ({@link #bulkLoad}). */
  private static final int COPY_CHUNK = 1 << 16;
  /** The channel other processes LISTEN on to wake their change subscriptions. */
  public static final String CHANGES_CHANNEL = "agentstore_changes";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public SQLDialect dialect() {
    return SQLDialect.POSTGRES;
  }

  @Override
  public Schema schema() {
    return DefaultSchema.DEFAULT_SCHEMA;
  }

  @Override
  public Field<String> labelValue(Field<String> labels, String key) {
    return DSL.field("({0} ->> {1})", String.class, labels, DSL.val(key, SQLDataType.CLOB));
  }

  @Override
  public Condition labelEquals(Field<String> labels, String key, String value) {
    return DSL.condition("{0} @> cast({1} as jsonb)", labels,
        DSL.val(json(Map.of(key, value)), SQLDataType.CLOB));
  }

  @Override
  public Condition jsonEquals(Field<String> doc, List<String> path, JsonNode value) {
    // jsonb equality is exact: same type, same string, numerically equal numbers (numeric).
    return DSL.condition("{0} = cast({1} as jsonb)", at(doc, path),
        DSL.val(json(value), SQLDataType.CLOB));
  }

  @Override
  public String expiresAtTemplate() {
    return "CAST(({0} ->> 'expiresAt') AS BIGINT)"; // the codec writes whole microseconds
  }

  @Override
  public Condition jsonIsNull(Field<String> doc, List<String> path) {
    return DSL.condition("coalesce({0}, cast('null' as jsonb)) = cast('null' as jsonb)", at(doc, path));
  }

  /**
   * The timestamp strings SortKeys.instant accepts: the codec's ISO-8601 form, years
   * 0001-9999, 0 to 9 fraction digits. Bound, not inlined (its braces would read as jOOQ
   * template placeholders).
   */
  private static final String INSTANT_PATTERN = "^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}"
      + "|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$";

  @Override
  public Condition jsonCompareNumber(Field<String> doc, List<String> path, Query.JsonOperator op,
      BigDecimal value) {
    // jsonb orders numbers by numeric value (exact); the type test keeps other types out, as
    // jsonb also orders across types.
    Field<Object> x = at(doc, path);
    String sql = "(jsonb_typeof({0}) = 'number' AND {0} " + sqlOperator(op)
        + " cast({1} as jsonb))";
    return DSL.condition(sql, x, DSL.val(value.toPlainString(), SQLDataType.CLOB));
  }

  @Override
  public Condition jsonCompareInstant(Field<String> doc, List<String> path, Query.JsonOperator op,
      String key) {
    return DSL.condition("(" + instantKey(doc, path) + " " + sqlOperator(op) + " {3})", text(doc,
        path), DSL.val(INSTANT_PATTERN, SQLDataType.CLOB), DSL.val("", SQLDataType.CLOB),
        DSL.val(key, SQLDataType.CLOB));
  }

  /**
   * SortKeys.instant in SQL over {0} (the text), {1} (the pattern), {2} (''): the 14 digits of
   * the date and time, then the fraction padded to nine digits; NULL when the text is no
   * timestamp. Compared bytewise.
   */
  private static String instantKey(Field<String> doc, List<String> path) {
    return "(CASE WHEN {0} ~ {1} THEN translate(substr({0}, 1, 19), '-T:', {2})"
        + " || rpad(CASE WHEN length({0}) > 20 THEN substr({0}, 21, length({0}) - 21)"
        + " ELSE {2} END, 9, '0') END) COLLATE \"C\"";
  }

  @Override
  public Condition jsonContains(Field<String> doc, List<String> path, String value) {
    Field<Object> x = at(doc, path);
    return DSL.condition("(jsonb_typeof({0}) = 'array' AND {0} @> jsonb_build_array(cast({1}"
        + " as text)))", x, DSL.val(value, SQLDataType.CLOB));
  }

  @Override
  public Field<Object> jsonValue(Field<String> doc, List<String> path) {
    return at(doc, path);
  }

  @Override
  public boolean parallelAggregates() {
    return true;
  }

  @Override
  public Field<Integer> jsonSortRank(Field<String> doc, List<String> path) {
    return DSL.field("(CASE jsonb_typeof({0}) WHEN 'number' THEN 1 WHEN 'string' THEN 2"
        + " WHEN 'boolean' THEN 3 WHEN 'object' THEN 4 WHEN 'array' THEN 4 ELSE 5 END)",
        Integer.class, at(doc, path));
  }

  @Override
  public Field<Object> jsonSortNumber(Field<String> doc, List<String> path) {
    return DSL.field("(CASE WHEN jsonb_typeof({0}) = 'number' THEN cast({0} as numeric) END)",
        Object.class, at(doc, path));
  }

  @Override
  public Field<Object> sortNumber(BigDecimal value) {
    return DSL.field("cast({0} as numeric)", Object.class,
        DSL.val(value.toPlainString(), SQLDataType.CLOB));
  }

  @Override
  public Field<String> jsonSortText(Field<String> doc, List<String> path) {
    return DSL.field("((CASE WHEN jsonb_typeof({0}) IN ('string', 'boolean') THEN {1} END)"
        + " COLLATE \"C\")", String.class, at(doc, path), text(doc, path));
  }

  @Override
  public Field<Object> jsonNumber(Field<String> doc, List<String> path) {
    return jsonSortNumber(doc, path);
  }

  /** sum over numeric is exact in PostgreSQL. */
  @Override
  public Field<Object> numberSum(Field<Object> numbers) {
    return DSL.field("sum({0})", Object.class, numbers);
  }

  @Override
  public Field<Object> numberMin(Field<Object> numbers) {
    return DSL.field("min({0})", Object.class, numbers);
  }

  @Override
  public Field<Object> numberMax(Field<Object> numbers) {
    return DSL.field("max({0})", Object.class, numbers);
  }

  @Override
  public Field<Object> numberOrder(Field<Object> aggregated) {
    return aggregated;
  }

  /** A dividend of scale 60 gives PostgreSQL's numeric quotient at least 60 decimal places. */
  @Override
  public Field<Object> averageOrder(Field<Object> sum, Field<Integer> count) {
    return DSL.field("(round({0}, 60) / nullif({1}, 0))", Object.class, sum, count);
  }

  @Override
  public Field<String> jsonInstantKey(Field<String> doc, List<String> path) {
    return DSL.field("(CASE WHEN jsonb_typeof({3}) = 'string' THEN " + instantKey(doc, path)
        + " END)", String.class, text(doc, path), DSL.val(INSTANT_PATTERN, SQLDataType.CLOB),
        DSL.val("", SQLDataType.CLOB), at(doc, path));
  }

  @Override
  public Field<String> bytewise(Field<String> text) {
    return DSL.field("({0} COLLATE \"C\")", String.class, text);
  }

  /**
   * {@code doc -> k1 ... ->> kn}: the text of a scalar (a string without its quotes);
   * {@code doc #>> '{}'} for the empty path.
   */
  private static Field<String> text(Field<String> doc, List<String> path) {
    if (path.isEmpty()) {
      return DSL.field("({0} #>> cast({1} as text[]))", String.class, doc,
          DSL.val("{}", SQLDataType.CLOB));
    }
    Field<Object> parent = path.size() == 1 ? DSL.field("{0}", Object.class, doc)
        : at(doc, path.subList(0, path.size() - 1));
    return DSL.field("({0} ->> {1})", String.class, parent,
        DSL.val(path.get(path.size() - 1), SQLDataType.CLOB));
  }

  private static String sqlOperator(Query.JsonOperator op) {
    return switch (op) {
      case LESS_THAN -> "<";
      case LESS_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      case GREATER_OR_EQUAL -> ">=";
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
  }

  /**
   * {@code doc -> k1 -> k2 ...} with every key bound as text. Not {@code #>}: its text path
   * indexes arrays ({@code '{a,1}'} is the second element of {@code a}), while {@code -> text}
   * on an array is NULL, as SQLite's quoted path segments are; paths name object keys only.
   */
  private static Field<Object> at(Field<String> doc, List<String> path) {
    StringBuilder sql = new StringBuilder("({0}");
    List<QueryPart> parts = new ArrayList<>();
    parts.add(doc);
    for (String segment : path) {
      sql.append(" -> {").append(parts.size()).append('}');
      parts.add(DSL.val(segment, SQLDataType.CLOB));
    }
    return DSL.field(sql.append(')').toString(), Object.class, parts.toArray(new QueryPart[0]));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON literal", e);
    }
  }

  /** The wire protocol counts bind parameters in a signed 16-bit field. */
  @Override
  public int maxBindValues() {
    return 32767;
  }

  @Override
  public ErrorKind classify(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return ErrorKind.OTHER;
    }
    return switch (state) {
      case "23505" -> ErrorKind.UNIQUE;
      case "23503" -> ErrorKind.FOREIGN_KEY;
      case "23514", "23502" -> ErrorKind.CHECK;
      case "40001", "40P01" -> ErrorKind.SERIALIZATION;
      // admin_shutdown, crash_shutdown, cannot_connect_now, lock/statement timeouts
      case "57P01", "57P02", "57P03", "55P03", "57014" -> ErrorKind.UNAVAILABLE;
      default -> state.startsWith("08") || state.startsWith("53") ? ErrorKind.UNAVAILABLE
          : ErrorKind.OTHER;
    };
  }

  /** Also admin_shutdown, crash_shutdown and cannot_connect_now: the server ended the session. */
  @Override
  public boolean connectionLost(SQLException e) {
    String state = e.getSQLState();
    return DialectStrategy.super.connectionLost(e)
        || "57P01".equals(state) || "57P02".equals(state) || "57P03".equals(state);
  }

  /**
   * Reads run as one REPEATABLE READ, READ ONLY transaction: Backend.read promises a consistent
   * snapshot, which READ COMMITTED (a new snapshot per statement) would not give a multi-statement
   * read such as store.readTransaction. The store's single writes stay READ COMMITTED: each
   * locks the rows it reads (SELECT ... FOR UPDATE), so writers of one hot row queue on its lock
   * and each sees the latest version, where SERIALIZABLE would fail every waiter with 40001 once
   * the holder commits (eight appenders of one execution then exhausted ten retries).
   */
  @Override
  public void begin(Connection c, boolean write) throws SQLException {
    c.setAutoCommit(false);
    if (!write) {
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
    }
  }

  /**
   * Callers' transactions run SERIALIZABLE, so a read-check-write such as "deactivate the active
   * ones, activate mine" cannot interleave with a concurrent one (under READ COMMITTED both see
   * none active and both activate); the loser fails with SQLState 40001, which {@link #classify}
   * reports as {@link ErrorKind#SERIALIZATION} and the store answers by running the whole
   * transaction again. Serializable transactions never wait beyond the row locks they take
   * anyway, so the history ordering lock (taken last, by the history insert's trigger) adds no
   * deadlock; a conflict is found at the latest at commit.
   */
  @Override
  public void beginSerializable(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
    }
  }

  @Override
  public void lockDeclaredKinds(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      st.setLong(1, DECLARED_KINDS_LOCK);
      st.execute();
    }
  }

  @Override
  public boolean needsRowLocks() {
    return true;
  }

  /**
   * Waits for the history inserts in flight; see {@link DialectStrategy#beforeFeedRead}. The
   * table is never written: it exists only to be locked, so that neither autovacuum nor index
   * builds on the history table (which take locks of their own) can stall the feed.
   */
  @Override
  public void beforeFeedRead(Connection c) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("LOCK TABLE " + HISTORY_ORDER_TABLE + " IN SHARE MODE");
    }
  }

  @Override
  public String explicitSequenceInsert(String insertSql) {
    // seq is GENERATED ALWAYS AS IDENTITY: given values need OVERRIDING SYSTEM VALUE, which
    // PostgreSQL takes between the column list and VALUES.
    return insertSql.replaceFirst("(?i)\\)\\s+values\\s*\\(", ") overriding system value values (");
  }

  @Override
  public void afterExplicitSequences(Connection c, String table, String column,
      long maxSequence) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT setval(pg_get_serial_sequence(?, ?), ?)")) {
      st.setString(1, table);
      st.setString(2, column);
      st.setLong(3, maxSequence);
      st.execute();
    }
  }

  /**
   * {@code SET LOCAL synchronous_commit TO off}: the commit returns once it is in the WAL buffers
   * (still atomic, flushed within {@code wal_writer_delay} or by the next synchronous commit).
   */
  @Override
  public void commitWithoutWaitingForDurability(Connection c) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET LOCAL synchronous_commit TO off");
    }
  }

  /** Loads with {@code COPY ... FROM STDIN}, PostgreSQL's fastest path, as issue 14 asks. */
  @Override
  public boolean bulkLoads() {
    return true;
  }

  /**
   * {@code COPY table (columns) FROM STDIN} in the text format, the rows written in chunks of
   * {@value #COPY_CHUNK} bytes. COPY fires the same constraints and defaults as INSERT and takes
   * an identity column's given values.
   */
  @Override
  public long bulkLoad(Connection c, String table, List<String> columns,
      List<? extends List<?>> rows) throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " ("
        + String.join(", ", columns) + ") FROM STDIN");
    try {
      StringBuilder text = new StringBuilder(COPY_CHUNK + 4096);
      for (List<?> row : rows) {
        for (int i = 0; i < row.size(); i++) {
          if (i > 0) {
            text.append('\t');
          }
          copyValue(text, row.get(i));
        }
        text.append('\n');
        if (text.length() >= COPY_CHUNK) {
          writeCopy(in, text);
        }
      }
      writeCopy(in, text);
      return in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void writeCopy(CopyIn in, StringBuilder text) throws SQLException {
    if (text.length() > 0) {
      byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      text.setLength(0);
    }
  }

  /**
   * One value in COPY's text format: {@code \N} for NULL, otherwise its text with backslash,
   * tab, newline and carriage return escaped (pgjdbc's connection encoding is UTF-8).
   */
  static void copyValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Boolean || value instanceof java.time.Instant) {
      text = value.toString(); // Instant: ISO-8601 in UTC, which timestamptz reads exactly
    } else if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else {
      throw new IllegalArgumentException("COPY cannot write a " + value.getClass().getName());
    }
    int first = 0;
    while (first < text.length() && !needsEscape(text.charAt(first))) {
      first++;
    }
    out.append(text, 0, first); // most values have nothing to escape: one append
    for (int i = first; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }

  private static boolean needsEscape(char ch) {
    return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
  }
}
