package dev.agentstore.bench;

import dev.agentstore.Ids;
import dev.agentstore.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The raw-JDBC twin of the library's storage operations: for each operation the same statements,
 * in the same order, with the same columns and transaction boundaries that backend-sql's
 * {@code SqlBackend}/{@code SqlTransaction} issue through jOOQ (SQLite: {@code BEGIN IMMEDIATE}
 * for writes, {@code BEGIN DEFERRED} for reads; PostgreSQL: {@code SELECT ... FOR UPDATE} before
 * a check-and-write; the history table's ordering trigger, migration 9, fires for these
 * inserts as for the library's). Each statement is prepared per call, as jOOQ does. What it
 * leaves out is exactly the library's own work: validation, Jackson encoding and decoding, jOOQ
 * rendering, the connection pool and the facade.
 *
 * <p>Usage: {@code RawStore raw = new RawStore(RawStore.Dialect.SQLITE); raw.create(c, t, row, "AGENT", snapshot);}
 */
final class RawStore {

  /** What differs between the two databases, as in the library's dialect strategies. */
  enum Dialect {
    /** SQLite: JSON as TEXT, times as epoch microseconds, explicit BEGIN statements. */
    SQLITE,
    /** PostgreSQL: JSONB and TIMESTAMPTZ casts, row locks. */
    POSTGRES
  }

  private final Dialect dialect;
  private final Map<String, String> sqlCache = new ConcurrentHashMap<>();

  /** Raw operations for {@code dialect}. */
  RawStore(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The dialect. */
  Dialect dialect() {
    return dialect;
  }

  // ------------------------------------------------------------------ transactions

  /** Starts a transaction as the dialect does (PostgreSQL connections stay in manual commit). */
  void begin(Connection c, boolean write) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      exec(c, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    } else if (c.getAutoCommit()) {
      c.setAutoCommit(false);
    }
  }

  /** Commits. */
  void commit(Connection c) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      exec(c, "COMMIT");
    } else {
      c.commit();
    }
  }

  /** Rolls back, ignoring "no transaction is active" as the library's SQLite dialect does. */
  void rollback(Connection c) {
    try {
      if (dialect == Dialect.SQLITE) {
        exec(c, "ROLLBACK");
      } else {
        c.rollback();
      }
    } catch (SQLException e) {
      // the transaction already ended
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  // ------------------------------------------------------------------ operations

  /** create: INSERT the row, then (history) lock + INSERT history, in one write transaction. */
  void create(Connection c, RawTable t, Row row, String kind, String snapshot) throws SQLException {
    begin(c, true);
    try {
      insert(c, t, row);
      history(c, kind, row, "CREATED", snapshot);
      commit(c);
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  /**
   * The change feed's read: every column of up to {@code limit} history rows after
   * {@code after}, in a read transaction (PostgreSQL: repeatable read, first the SHARE lock of
   * {@code PostgresDialect.beforeFeedRead}); returns {rows read, last sequence}.
   */
  long[] changesSince(Connection c, long after, int limit) throws SQLException {
    begin(c, false);
    try {
      if (dialect == Dialect.POSTGRES) {
        exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        exec(c, "LOCK TABLE agentstore_history_order IN SHARE MODE");
      }
      long rows = 0;
      long last = after;
      try (PreparedStatement ps = c.prepareStatement(sql("changes", () -> "select * from "
          + q("api_resource_versions") + " where " + q("seq") + " > ? order by " + q("seq")
          + limit()))) {
        ps.setLong(1, after);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              rs.getString(i); // decode every column, as a reader would
            }
            last = rs.getLong("seq");
            rows++;
          }
        }
      }
      commit(c);
      return new long[] {rows, last};
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  /** get: SELECT by id in a read transaction. */
  Row get(Connection c, RawTable t, String id) throws SQLException {
    begin(c, false);
    try {
      Row r = find(c, t, id, false);
      commit(c);
      return r;
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  /**
   * update / updateStatus: SELECT (FOR UPDATE on PostgreSQL), check the version, UPDATE every
   * mutable column WHERE id AND version, history; returns the written row.
   */
  Row update(Connection c, RawTable t, String kind, String id, long expectedVersion,
      String spec, String status, String snapshot, String event, String actor)
      throws SQLException {
    begin(c, true);
    try {
      Row cur = find(c, t, id, true);
      if (cur == null || cur.version() != expectedVersion) {
        throw new IllegalStateException("raw update: " + id + " is not at version "
            + expectedVersion);
      }
      Row next = cur.next(spec != null ? spec : cur.spec(), status != null ? status : cur.status(),
          now(), actor);
      writeOver(c, t, kind, cur, next, event, snapshot);
      commit(c);
      return next;
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  /** apply of an existing resource: SELECT by (slug, org), UPDATE WHERE id AND version, history. */
  Row apply(Connection c, RawTable t, String kind, String org, String slug, String spec,
      String snapshot, String actor) throws SQLException {
    begin(c, true);
    try {
      Row cur = findBySlug(c, t, org, slug);
      if (cur == null) {
        throw new IllegalStateException("raw apply: no " + slug + " in " + org);
      }
      Row next = cur.next(spec, cur.status(), now(), actor);
      writeOver(c, t, kind, cur, next, "UPDATED", snapshot);
      commit(c);
      return next;
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  /**
   * appendMessages: SELECT the execution (FOR UPDATE on PostgreSQL), bump its version, SELECT
   * max(seq) of the collection, INSERT the items, history; returns the new version.
   */
  long append(Connection c, String id, String collection, List<String> bodies, String snapshot,
      String actor) throws SQLException {
    begin(c, true);
    try {
      Row cur = find(c, RawTable.AGENT_EXECUTIONS, id, true);
      if (cur == null) {
        throw new IllegalStateException("raw append: no " + id);
      }
      long version = cur.version() + 1;
      Instant now = now();
      try (PreparedStatement ps = c.prepareStatement(sql("touch", () -> "update "
          + q(RawTable.AGENT_EXECUTIONS.name()) + " set " + q("version") + " = ?, "
          + q("updated_at") + " = " + time() + ", " + q("updated_by") + " = ? where ("
          + col(RawTable.AGENT_EXECUTIONS, "id") + " = ? and "
          + col(RawTable.AGENT_EXECUTIONS, "version") + " = ?)"))) {
        ps.setLong(1, version);
        setTime(ps, 2, now);
        ps.setString(3, actor);
        ps.setString(4, id);
        ps.setLong(5, cur.version());
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("raw append: lost a race on " + id);
        }
      }
      long first = nextSeq(c, id, collection);
      insertItems(c, id, collection, first, bodies);
      Row touched = new Row(cur.id(), cur.org(), cur.slug(), cur.name(), version, cur.labels(),
          cur.metadata(), cur.spec(), cur.status(), cur.extras(), cur.createdAt(), now,
          cur.createdBy(), actor);
      history(c, "AGENT_EXECUTION", touched, "APPENDED", snapshot);
      commit(c);
      return version;
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  /**
   * list: one page of executions of {@code org} in {@code phase} (one row more than the page, as
   * the library asks), then the child items of the page's executions, one query per collection.
   */
  List<Row> page(Connection c, String org, String phase, int pageSize, boolean descending)
      throws SQLException {
    RawTable t = RawTable.AGENT_EXECUTIONS;
    begin(c, false);
    try {
      List<Row> rows = new ArrayList<>(pageSize + 1);
      String dir = descending ? " desc" : " asc";
      try (PreparedStatement ps = c.prepareStatement(sql("page" + dir, () -> select(t)
          + " where (" + col(t, "org") + " = ? and " + col(t, "phase") + " = ?) order by "
          + col(t, "created_at") + dir + ", " + col(t, "id") + dir + limit()))) {
        ps.setString(1, org);
        ps.setString(2, phase);
        ps.setInt(3, pageSize + 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(read(rs, t));
          }
        }
      }
      List<Row> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
      if (!page.isEmpty()) {
        for (String collection : List.of("messages", "toolCalls")) {
          items(c, page, collection);
        }
      }
      commit(c);
      return page;
    } catch (SQLException | RuntimeException e) {
      rollback(c);
      throw e;
    }
  }

  private int items(Connection c, List<Row> page, String collection) throws SQLException {
    StringJoiner in = new StringJoiner(", ", "(", ")");
    page.forEach(r -> in.add("?"));
    String items = q("agent_execution_items");
    String sql = "select " + items + "." + q("execution_id") + ", " + items + "." + q("seq") + ", "
        + items + "." + q("item_key") + ", " + items + "." + q("body") + " from " + items
        + " where (" + items + "." + q("execution_id") + " in " + in + " and " + items + "."
        + q("collection") + " = ?) order by " + items + "." + q("execution_id") + ", " + items
        + "." + q("seq");
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Row r : page) {
        ps.setString(i++, r.id());
      }
      ps.setString(i, collection);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getString(1);
          rs.getLong(2);
          rs.getString(3);
          rs.getString(4);
          n++;
        }
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ statements

  /** SELECT every column WHERE id = ? (FOR UPDATE on PostgreSQL when {@code lock}). */
  Row find(Connection c, RawTable t, String id, boolean lock) throws SQLException {
    boolean forUpdate = lock && dialect == Dialect.POSTGRES;
    try (PreparedStatement ps = c.prepareStatement(sql("find " + t.name() + forUpdate,
        () -> select(t) + " where " + col(t, "id") + " = ?" + (forUpdate ? " for update" : "")))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs, t) : null;
      }
    }
  }

  private Row findBySlug(Connection c, RawTable t, String org, String slug) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql("slug " + t.name(),
        () -> select(t) + " where (" + col(t, "slug") + " = ? and " + col(t, "org") + " = ?)"))) {
      ps.setString(1, slug);
      ps.setString(2, org);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs, t) : null;
      }
    }
  }

  /** INSERT one row, columns in the library's order (mutable columns first, then identity). */
  void insert(Connection c, RawTable t, Row row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertSql(t))) {
      bindInsert(ps, t, row);
      ps.executeUpdate();
    }
  }

  /** INSERT many rows with JDBC batches (for seeding; commits are the caller's). */
  void insertBatch(Connection c, RawTable t, List<Row> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insertSql(t))) {
      for (Row r : rows) {
        bindInsert(ps, t, r);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private String insertSql(RawTable t) {
    return sql("insert " + t.name(), () -> {
      List<String> cols = mutableColumns(t);
      cols.addAll(List.of("id", "org", "created_at", "created_by"));
      StringJoiner names = new StringJoiner(", ");
      StringJoiner values = new StringJoiner(", ");
      for (String col : cols) {
        names.add(q(col));
        values.add(param(col));
      }
      return "insert into " + q(t.name()) + " (" + names + ") values (" + values + ")";
    });
  }

  private void bindInsert(PreparedStatement ps, RawTable t, Row row) throws SQLException {
    int i = bindMutable(ps, 1, row);
    ps.setString(i++, row.id());
    ps.setString(i++, row.org());
    setTime(ps, i++, row.createdAt());
    ps.setString(i, row.createdBy());
  }

  /** UPDATE every mutable column WHERE id AND version, then the history row. */
  private void writeOver(Connection c, RawTable t, String kind, Row cur, Row next, String event,
      String snapshot) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql("update " + t.name(), () -> {
      StringJoiner sets = new StringJoiner(", ");
      for (String col : mutableColumns(t)) {
        sets.add(q(col) + " = " + param(col));
      }
      return "update " + q(t.name()) + " set " + sets + " where (" + col(t, "id") + " = ? and "
          + col(t, "version") + " = ?)";
    }))) {
      int i = bindMutable(ps, 1, next);
      ps.setString(i++, cur.id());
      ps.setLong(i, cur.version());
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("raw update: lost a race on " + cur.id());
      }
    }
    history(c, kind, next, event, snapshot);
  }

  private static List<String> mutableColumns(RawTable t) {
    List<String> cols = new ArrayList<>(List.of("slug", "name", "version", "labels", "metadata",
        "spec", "status"));
    cols.addAll(t.extras());
    cols.addAll(List.of("updated_at", "updated_by"));
    return cols;
  }

  private int bindMutable(PreparedStatement ps, int start, Row row) throws SQLException {
    int i = start;
    ps.setString(i++, row.slug());
    ps.setString(i++, row.name());
    ps.setLong(i++, row.version());
    ps.setString(i++, row.labels());
    ps.setString(i++, row.metadata());
    ps.setString(i++, row.spec());
    ps.setString(i++, row.status());
    for (String v : row.extras()) {
      ps.setString(i++, v);
    }
    setTime(ps, i++, row.updatedAt());
    ps.setString(i++, row.updatedBy());
    return i;
  }

  /** The history insert (PostgreSQL's trigger takes the ordering lock inside it). */
  void history(Connection c, String kind, Row row, String event, String snapshot)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql("history", () -> "insert into "
        + q("api_resource_versions") + " (" + q("id") + ", " + q("kind") + ", "
        + q("resource_id") + ", " + q("org") + ", " + q("resource_version") + ", " + q("event")
        + ", " + q("snapshot") + ", " + q("actor") + ", " + q("message") + ", " + q("created_at")
        + ") values (?, ?, ?, ?, ?, ?, " + json() + ", ?, ?, " + time() + ")"))) {
      ps.setString(1, Ids.next(Kind.API_RESOURCE_VERSION));
      ps.setString(2, kind);
      ps.setString(3, row.id());
      ps.setString(4, row.org());
      ps.setLong(5, row.version());
      ps.setString(6, event);
      ps.setString(7, snapshot);
      ps.setString(8, row.updatedBy());
      ps.setString(9, null);
      setTime(ps, 10, row.updatedAt());
      ps.executeUpdate();
    }
  }

  private long nextSeq(Connection c, String id, String collection) throws SQLException {
    String items = q("agent_execution_items");
    try (PreparedStatement ps = c.prepareStatement(sql("maxseq", () -> "select max(" + items + "."
        + q("seq") + ") from " + items + " where (" + items + "." + q("execution_id") + " = ? and "
        + items + "." + q("collection") + " = ?)"))) {
      ps.setString(1, id);
      ps.setString(2, collection);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long max = rs.getLong(1);
        return rs.wasNull() ? 1 : max + 1;
      }
    }
  }

  /** INSERT items with sequences from {@code first} in one multi-row statement, as jOOQ does. */
  void insertItems(Connection c, String id, String collection, long first, List<String> bodies)
      throws SQLException {
    StringJoiner rows = new StringJoiner(", ");
    for (int i = 0; i < bodies.size(); i++) {
      rows.add("(?, ?, ?, ?, " + json() + ")");
    }
    String items = q("agent_execution_items");
    String sql = "insert into " + items + " (" + q("execution_id") + ", " + q("collection") + ", "
        + q("seq") + ", " + q("item_key") + ", " + q("body") + ") values " + rows;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      long seq = first;
      for (String body : bodies) {
        ps.setString(i++, id);
        ps.setString(i++, collection);
        ps.setLong(i++, seq++);
        ps.setString(i++, null);
        ps.setString(i++, body);
      }
      ps.executeUpdate();
    }
  }

  /**
   * INSERT agent-execution items of many executions with one JDBC batch (for seeding; commits are
   * the caller's). Each item is (execution id, collection, seq, item key or null, JSON body).
   */
  void insertItemBatch(Connection c, List<String[]> items) throws SQLException {
    String sql = sql("insert items batch", () -> "insert into " + q("agent_execution_items")
        + " (" + q("execution_id") + ", " + q("collection") + ", " + q("seq") + ", "
        + q("item_key") + ", " + q("body") + ") values (?, ?, ?, ?, " + json() + ")");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (String[] item : items) {
        ps.setString(1, item[0]);
        ps.setString(2, item[1]);
        ps.setLong(3, Long.parseLong(item[2]));
        ps.setString(4, item[3]);
        ps.setString(5, item[4]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Binds an instant as the dialect stores times (for hand-written baseline queries). */
  void bindTime(PreparedStatement ps, int i, Instant t) throws SQLException {
    setTime(ps, i, t);
  }

  // ------------------------------------------------------------------ rendering

  private String select(RawTable t) {
    StringJoiner cols = new StringJoiner(", ");
    for (String col : columns(t)) {
      cols.add(col(t, col));
    }
    return "select " + cols + " from " + q(t.name());
  }

  /** Every column in declaration order, as jOOQ's selectFrom lists them. */
  private static List<String> columns(RawTable t) {
    List<String> cols = new ArrayList<>(List.of("id", "org", "slug", "name", "version", "labels",
        "metadata", "spec", "status"));
    cols.addAll(t.extras());
    cols.addAll(List.of("created_at", "updated_at", "created_by", "updated_by"));
    return cols;
  }

  private Row read(ResultSet rs, RawTable t) throws SQLException {
    List<String> extras = new ArrayList<>(t.extras().size());
    for (int i = 0; i < t.extras().size(); i++) {
      extras.add(rs.getString(10 + i));
    }
    int k = 10 + t.extras().size();
    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        extras, getTime(rs, k), getTime(rs, k + 1), rs.getString(k + 2), rs.getString(k + 3));
  }

  private static String q(String name) {
    return "\"" + name + "\"";
  }

  private static String col(RawTable t, String name) {
    return q(t.name()) + "." + q(name);
  }

  private String param(String col) {
    return switch (col) {
      case "labels", "metadata", "spec", "status" -> json();
      case "created_at", "updated_at" -> time();
      default -> "?";
    };
  }

  /** The row limit as jOOQ renders it: {@code limit} (SQLite), {@code fetch next} (PostgreSQL). */
  private String limit() {
    return dialect == Dialect.POSTGRES ? " fetch next ? rows only" : " limit ?";
  }

  private String json() {
    return dialect == Dialect.POSTGRES ? "cast(? as jsonb)" : "?";
  }

  private String time() {
    return dialect == Dialect.POSTGRES ? "cast(? as timestamp with time zone)" : "?";
  }

  private void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (dialect == Dialect.POSTGRES) {
      ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    } else {
      ps.setLong(i, ChronoUnit.MICROS.between(Instant.EPOCH, t));
    }
  }

  private Instant getTime(ResultSet rs, int i) throws SQLException {
    if (dialect == Dialect.POSTGRES) {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    return Instant.EPOCH.plus(rs.getLong(i), ChronoUnit.MICROS);
  }

  /** Now at microsecond precision, as the library's clock. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** SQL text built once per statement shape (the string building is not what is measured). */
  private String sql(String key, java.util.function.Supplier<String> build) {
    return sqlCache.computeIfAbsent(key, k -> build.get());
  }
}
