package dev.agentstore.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Baseline (a) of issue 17: minimal raw JDBC with its own small schema ({@code mj_execution},
 * {@code mj_message}, {@code mj_history}), writing the same durable result as agentstore with the
 * fewest statements a careful engineer would use: create = INSERT row + one multi-row INSERT of
 * the messages + INSERT history; update and updateStatus = {@code UPDATE ... WHERE version = ?}
 * + INSERT history; appendMessages = {@code UPDATE ... RETURNING version} + INSERT message +
 * INSERT history; transition = updateStatus's two statements with the phase moved;
 * upsertToolCall = {@code UPDATE ... RETURNING version} + {@code INSERT ... ON CONFLICT (execution,
 * call id) DO UPDATE} + INSERT history; apply = {@code INSERT ... ON CONFLICT (org, name) DO
 * UPDATE ... WHERE spec differs RETURNING} + INSERT history; get and page = one SELECT each, the
 * messages aggregated as JSON in a correlated subquery. Writes run in one transaction each; reads in autocommit. Spec, status and messages
 * are serialised and parsed with Jackson, as the library does.
 *
 * <p>Usage: {@code try (MinimalJdbc j = new MinimalJdbc(conn, postgres, org)) { j.create(1); }}
 */
final class MinimalJdbc implements CompareImpl {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};
  private final CountingJdbc.Counter counter = new CountingJdbc.Counter();
  private final Connection c;
  private final boolean pg;
  private final String org;
  private final String json;
  private final Map<String, Held> held = new HashMap<>();
  private final PreparedStatement insertExec;
  private final PreparedStatement insertMessages;
  private final PreparedStatement insertHistory;
  private final PreparedStatement updateSpec;
  private final PreparedStatement updateStatus;
  private final PreparedStatement bumpVersion;
  private final PreparedStatement insertMessage;
  private final PreparedStatement upsertToolCall;
  private final PreparedStatement applyExec;
  private final PreparedStatement select;
  private final PreparedStatement page;

  /** What a caller holds of one execution: its version and documents. */
  private static final class Held {
    final int n;
    long version;
    Map<String, Object> spec;
    Map<String, Object> status;

    Held(int n, long version, Map<String, Object> spec, Map<String, Object> status) {
      this.n = n;
      this.version = version;
      this.spec = spec;
      this.status = status;
    }
  }

  /**
   * Creates the schema if missing and prepares the statements on {@code raw} (a connection the
   * baseline owns, with the library's connection settings), in {@code org}.
   */
  MinimalJdbc(Connection raw, boolean postgres, String org) throws SQLException {
    this.c = CountingJdbc.wrap(raw, counter);
    this.pg = postgres;
    this.org = org;
    this.json = pg ? "?::jsonb" : "?";
    createSchema(raw, postgres);
    c.setAutoCommit(true);
    insertExec = c.prepareStatement("INSERT INTO mj_execution (id, org, name, phase, version,"
        + " spec, status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, " + json + ", " + json
        + ", ?, ?)");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < CompareData.MESSAGES; i++) {
      values.append(i == 0 ? "" : ", ").append("(?, ?, ").append(json).append(")");
    }
    insertMessages = c.prepareStatement("INSERT INTO mj_message (execution_id, seq, body) VALUES "
        + values);
    insertHistory = c.prepareStatement("INSERT INTO mj_history (resource_id, version, event,"
        + " actor, snapshot, at) VALUES (?, ?, ?, 'system', " + json + ", ?)");
    updateSpec = c.prepareStatement("UPDATE mj_execution SET spec = " + json + ", version = ?,"
        + " updated_at = ? WHERE id = ? AND version = ?");
    updateStatus = c.prepareStatement("UPDATE mj_execution SET status = " + json + ", phase = ?,"
        + " version = ?, updated_at = ? WHERE id = ? AND version = ?");
    bumpVersion = c.prepareStatement("UPDATE mj_execution SET version = version + 1,"
        + " updated_at = ? WHERE id = ? RETURNING version");
    insertMessage = c.prepareStatement("INSERT INTO mj_message (execution_id, seq, body)"
        + " SELECT ?, COALESCE(MAX(seq), 0) + 1, " + json + " FROM mj_message"
        + " WHERE execution_id = ?");
    upsertToolCall = c.prepareStatement("INSERT INTO mj_tool_call (execution_id, seq, call_id,"
        + " body) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, " + json + " FROM mj_tool_call"
        + " WHERE execution_id = ? ON CONFLICT (execution_id, call_id) DO UPDATE"
        + " SET body = excluded.body");
    applyExec = c.prepareStatement("INSERT INTO mj_execution (id, org, name, phase, version,"
        + " spec, status, created_at, updated_at) VALUES (?, ?, ?, 'PENDING', 1, " + json
        + ", '{}', ?, ?) ON CONFLICT (org, name) DO UPDATE SET spec = excluded.spec,"
        + " version = mj_execution.version + 1, updated_at = excluded.updated_at"
        + " WHERE mj_execution.spec <> excluded.spec RETURNING id, version, status");
    String messages = pg
        ? "(SELECT COALESCE(json_agg(m.body ORDER BY m.seq), '[]') FROM mj_message m"
            + " WHERE m.execution_id = e.id)"
        : "(SELECT json_group_array(json(body)) FROM (SELECT body FROM mj_message m"
            + " WHERE m.execution_id = e.id ORDER BY seq))";
    String cols = "SELECT e.id, e.version, e.spec, e.status, e.created_at, " + messages
        + " FROM mj_execution e ";
    select = c.prepareStatement(cols + "WHERE e.id = ?");
    page = c.prepareStatement(cols + "WHERE e.org = ? AND e.phase = ?"
        + " ORDER BY e.created_at DESC, e.id DESC LIMIT 50");
  }

  /** The baseline's own schema: three tables and the page index. */
  static void createSchema(Connection c, boolean pg) throws SQLException {
    String doc = pg ? "JSONB" : "TEXT";
    String time = pg ? "TIMESTAMPTZ" : "INTEGER";
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS mj_execution (id VARCHAR(64) PRIMARY KEY,"
          + " org VARCHAR(64) NOT NULL, name VARCHAR(200) NOT NULL, phase VARCHAR(16) NOT NULL,"
          + " version BIGINT NOT NULL, spec " + doc + " NOT NULL, status " + doc + " NOT NULL,"
          + " created_at " + time + " NOT NULL, updated_at " + time + " NOT NULL,"
          + " UNIQUE (org, name))");
      st.execute("CREATE INDEX IF NOT EXISTS mj_execution_page ON mj_execution"
          + " (org, phase, created_at DESC, id DESC)");
      st.execute("CREATE TABLE IF NOT EXISTS mj_message (execution_id VARCHAR(64) NOT NULL"
          + " REFERENCES mj_execution (id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
          + " body " + doc + " NOT NULL, PRIMARY KEY (execution_id, seq))");
      st.execute("CREATE TABLE IF NOT EXISTS mj_tool_call (execution_id VARCHAR(64) NOT NULL"
          + " REFERENCES mj_execution (id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
          + " call_id VARCHAR(255) NOT NULL, body " + doc + " NOT NULL,"
          + " PRIMARY KEY (execution_id, seq), UNIQUE (execution_id, call_id))");
      st.execute("CREATE TABLE IF NOT EXISTS mj_history (seq "
          + (pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT")
          + ", resource_id VARCHAR(64) NOT NULL, version BIGINT NOT NULL,"
          + " event VARCHAR(32) NOT NULL, actor VARCHAR(64) NOT NULL, snapshot " + doc
          + " NOT NULL, at " + time + " NOT NULL)");
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  @Override
  public String name() {
    return "JDBC";
  }

  @Override
  public CountingJdbc.Counter counter() {
    return counter;
  }

  private void time(PreparedStatement ps, int index, Instant t) throws SQLException {
    if (pg) {
      ps.setTimestamp(index, Timestamp.from(t));
    } else {
      ps.setLong(index, t.toEpochMilli());
    }
  }

  private static String write(Object o) throws Exception {
    return CompareData.JSON.writeValueAsString(o);
  }

  private static String snapshot(String id, long version, String spec, String status) {
    return "{\"id\":\"" + id + "\",\"version\":" + version + ",\"spec\":" + spec
        + ",\"status\":" + status + "}";
  }

  @Override
  public String create(int n) throws Exception {
    String id = "mj_" + Long.toString(System.nanoTime(), 36) + "_" + n;
    Map<String, Object> spec = CompareData.spec(n, 0);
    Map<String, Object> status = CompareData.status(n, 0);
    String specJson = write(spec);
    String statusJson = write(status);
    Instant now = Instant.now();
    inTransaction(() -> {
      bindExecution(id, n, (String) status.get("phase"), specJson, statusJson, now);
      insertExec.executeUpdate();
      bindMessages(id, n);
      insertMessages.executeUpdate();
      history(id, 1, "CREATED", snapshot(id, 1, specJson, statusJson), now);
      return null;
    });
    held.put(id, new Held(n, 1, spec, status));
    return id;
  }

  /**
   * The bulk load a careful engineer writes: one transaction, the execution rows, their message
   * rows and their history rows each sent as one JDBC batch.
   */
  @Override
  public void createAll(int first, int count) throws Exception {
    Instant now = Instant.now();
    List<Held> made = new java.util.ArrayList<>(count);
    List<String> ids = new java.util.ArrayList<>(count);
    inTransaction(() -> {
      for (int n = first; n < first + count; n++) {
        String id = "mj_" + Long.toString(System.nanoTime(), 36) + "_" + n;
        Map<String, Object> spec = CompareData.spec(n, 0);
        Map<String, Object> status = CompareData.status(n, 0);
        String specJson = write(spec);
        String statusJson = write(status);
        bindExecution(id, n, (String) status.get("phase"), specJson, statusJson, now);
        insertExec.addBatch();
        bindMessages(id, n);
        insertMessages.addBatch();
        insertHistory.setString(1, id);
        insertHistory.setLong(2, 1);
        insertHistory.setString(3, "CREATED");
        insertHistory.setString(4, snapshot(id, 1, specJson, statusJson));
        time(insertHistory, 5, now);
        insertHistory.addBatch();
        ids.add(id);
        made.add(new Held(n, 1, spec, status));
      }
      insertExec.executeBatch(); // the parents first: the messages reference them
      insertMessages.executeBatch();
      insertHistory.executeBatch();
      return null;
    });
    for (int i = 0; i < ids.size(); i++) {
      held.put(ids.get(i), made.get(i));
    }
  }

  private void bindExecution(String id, int n, String phase, String specJson, String statusJson,
      Instant now) throws SQLException {
    insertExec.setString(1, id);
    insertExec.setString(2, org);
    insertExec.setString(3, CompareData.name(n));
    insertExec.setString(4, phase);
    insertExec.setString(5, specJson);
    insertExec.setString(6, statusJson);
    time(insertExec, 7, now);
    time(insertExec, 8, now);
  }

  private void bindMessages(String id, int n) throws Exception {
    List<Map<String, Object>> msgs = CompareData.messages(n);
    for (int i = 0; i < msgs.size(); i++) {
      insertMessages.setString(i * 3 + 1, id);
      insertMessages.setInt(i * 3 + 2, i + 1);
      insertMessages.setString(i * 3 + 3, write(msgs.get(i)));
    }
  }

  /** Runs {@code work} as one transaction of the baseline's connection and returns its result. */
  private <T> T inTransaction(Callable<T> work) throws Exception {
    c.setAutoCommit(false);
    try {
      T result = work.call();
      c.commit();
      return result;
    } catch (Exception e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private void history(String id, long version, String event, String snapshot, Instant at)
      throws SQLException {
    insertHistory.setString(1, id);
    insertHistory.setLong(2, version);
    insertHistory.setString(3, event);
    insertHistory.setString(4, snapshot);
    time(insertHistory, 5, at);
    insertHistory.executeUpdate();
  }

  @Override
  public void get(String id) throws Exception {
    select.setString(1, id);
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("JDBC get: no execution " + id);
      }
      List<Map<String, Object>> msgs = read(rs);
      if (msgs.size() < CompareData.MESSAGES) {
        throw new IllegalStateException("JDBC get: " + msgs.size() + " messages");
      }
    }
  }

  /** Parses one row's documents as a caller would; its messages. */
  private static List<Map<String, Object>> read(ResultSet rs) throws Exception {
    rs.getString(1);
    rs.getLong(2);
    Map<String, Object> spec = CompareData.JSON.readValue(rs.getString(3), MAP);
    Map<String, Object> status = CompareData.JSON.readValue(rs.getString(4), MAP);
    rs.getObject(5);
    if (spec.isEmpty() || status.isEmpty()) {
      throw new IllegalStateException("empty documents");
    }
    return CompareData.JSON.readValue(rs.getString(6), LIST);
  }

  @Override
  public void update(String id, int variant) throws Exception {
    Held h = held.get(id);
    Map<String, Object> spec = CompareData.spec(h.n, variant);
    String specJson = write(spec);
    long next = h.version + 1;
    Instant now = Instant.now();
    inTransaction(() -> {
      updateSpec.setString(1, specJson);
      updateSpec.setLong(2, next);
      time(updateSpec, 3, now);
      updateSpec.setString(4, id);
      updateSpec.setLong(5, h.version);
      if (updateSpec.executeUpdate() != 1) {
        throw new IllegalStateException("JDBC update: version conflict on " + id);
      }
      history(id, next, "UPDATED", snapshot(id, next, specJson, write(h.status)), now);
      return null;
    });
    h.version = next;
    h.spec = spec;
  }

  @Override
  public void updateStatus(String id, int variant) throws Exception {
    writeStatus(id, CompareData.status(held.get(id).n, variant), "updateStatus");
  }

  /** Replaces the status of {@code id} with {@code status}, checking the held version. */
  private void writeStatus(String id, Map<String, Object> status, String op) throws Exception {
    Held h = held.get(id);
    String statusJson = write(status);
    long next = h.version + 1;
    Instant now = Instant.now();
    inTransaction(() -> {
      updateStatus.setString(1, statusJson);
      updateStatus.setString(2, (String) status.get("phase"));
      updateStatus.setLong(3, next);
      time(updateStatus, 4, now);
      updateStatus.setString(5, id);
      updateStatus.setLong(6, h.version);
      if (updateStatus.executeUpdate() != 1) {
        throw new IllegalStateException("JDBC " + op + ": version conflict on " + id);
      }
      history(id, next, "STATUS_UPDATED", snapshot(id, next, write(h.spec), statusJson), now);
      return null;
    });
    h.version = next;
    h.status = status;
  }

  @Override
  public void appendMessage(String id, int n) throws Exception {
    String body = write(CompareData.message(held.get(id).n, n));
    writeItem(id, "messages", "MESSAGES_APPENDED", body, () -> {
      insertMessage.setString(1, id);
      insertMessage.setString(2, body);
      insertMessage.setString(3, id);
      insertMessage.executeUpdate();
    });
  }

  /** A statement run for its effect. */
  private interface SqlWork {
    void run() throws SQLException;
  }

  /**
   * One item write: bump {@code id}'s version, run {@code write} (the item's statement), insert
   * the history row holding the item ({@code body}) under {@code collection}.
   */
  private void writeItem(String id, String collection, String event, String body,
      SqlWork write) throws Exception {
    Held h = held.get(id);
    Instant now = Instant.now();
    h.version = inTransaction(() -> {
      long version = bump(id, now);
      write.run();
      history(id, version, event, "{\"id\":\"" + id + "\",\"version\":" + version + ",\""
          + collection + "\":[" + body + "]}", now);
      return version;
    });
  }

  @Override
  public void transition(String id, String phase) throws Exception {
    Map<String, Object> status = new java.util.LinkedHashMap<>(held.get(id).status);
    status.put("phase", phase);
    writeStatus(id, status, "transition");
  }

  @Override
  public void upsertToolCall(String id, int call, boolean finished) throws Exception {
    Map<String, Object> tool = CompareData.toolCall(held.get(id).n, call, finished);
    String body = write(tool);
    writeItem(id, "toolCalls", "APPENDED", body, () -> {
      upsertToolCall.setString(1, id);
      upsertToolCall.setString(2, (String) tool.get("id"));
      upsertToolCall.setString(3, body);
      upsertToolCall.setString(4, id);
      upsertToolCall.executeUpdate();
    });
  }

  @Override
  public void apply(String id, int variant) throws Exception {
    Held h = held.get(id);
    Map<String, Object> spec = CompareData.spec(h.n, variant);
    String specJson = write(spec);
    Instant now = Instant.now();
    inTransaction(() -> {
      applyExec.setString(1, "mj_" + Long.toString(System.nanoTime(), 36) + "_" + h.n);
      applyExec.setString(2, org);
      applyExec.setString(3, CompareData.name(h.n));
      applyExec.setString(4, specJson);
      time(applyExec, 5, now);
      time(applyExec, 6, now);
      try (ResultSet rs = applyExec.executeQuery()) {
        if (!rs.next()) {
          return null; // the same spec: nothing written, as apply promises
        }
        long version = rs.getLong(2);
        history(rs.getString(1), version, version == 1 ? "CREATED" : "UPDATED",
            snapshot(rs.getString(1), version, specJson, rs.getString(3)), now);
        h.version = version;
      }
      return null;
    });
    h.spec = spec;
  }

  /** Bumps {@code id}'s version; the new one. */
  private long bump(String id, Instant now) throws SQLException {
    time(bumpVersion, 1, now);
    bumpVersion.setString(2, id);
    try (ResultSet rs = bumpVersion.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("JDBC: no execution " + id);
      }
      return rs.getLong(1);
    }
  }

  @Override
  public int page(String phase) throws Exception {
    page.setString(1, org);
    page.setString(2, phase);
    int rows = 0;
    try (ResultSet rs = page.executeQuery()) {
      while (rs.next()) {
        read(rs);
        rows++;
      }
    }
    return rows;
  }

  @Override
  public long[] durableCounts() throws Exception {
    return new long[] {count("mj_execution"), count("mj_message") + count("mj_tool_call"),
        count("mj_history")};
  }

  private long count(String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws Exception {
    c.close();
  }
}
