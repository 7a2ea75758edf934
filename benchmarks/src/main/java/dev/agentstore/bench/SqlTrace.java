package dev.agentstore.bench;

import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentStatus;
import dev.agentstore.model.ExecutionPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evidence that each raw baseline runs the library's statements: on embedded PostgreSQL, turns
 * on {@code log_statement = 'all'}, runs one library call and one raw call of each operation
 * between marker queries, and writes the statements the server received for each side, with
 * whether the two sequences are identical, to {@code sql-trace.md}.
 *
 * <p>Usage: {@code -Dbench.traceSql=true} (runs {@code new SqlTrace(ctx, pg).write(out.resolve("sql-trace.md"))})
 */
final class SqlTrace {
  private static final String MARK = "bench-trace ";
  private static final Pattern LINE =
      Pattern.compile(".*?\\[(\\d+)\\] LOG:  (?:execute [^:]*: |statement: )(.*)");
  private final BenchContext ctx;
  private final PostgresDb db;

  /** A tracer of {@code ctx}'s operations on {@code db}. */
  SqlTrace(BenchContext ctx, PostgresDb db) {
    this.ctx = ctx;
    this.db = db;
  }

  /** Runs the traced calls and writes the report. */
  void write(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    if (db.serverLog() == null) {
      Files.writeString(file, "# SQL trace\n\nNot traced: the server is external"
          + " (AGENTSTORE_PG_URL), its log is not readable here.\n");
      return;
    }
    Map<String, Runnable[]> ops = operations();
    setLogging(true);
    // Markers go through a connection of their own in autocommit mode, so they add no
    // BEGIN/COMMIT of their own between the traced statements.
    try (Connection markers = db.connect()) {
      for (Map.Entry<String, Runnable[]> op : ops.entrySet()) {
        mark(markers, "lib " + op.getKey());
        op.getValue()[0].run();
        mark(markers, "raw " + op.getKey());
        op.getValue()[1].run();
      }
      mark(markers, "end");
    } finally {
      setLogging(false);
    }
    Thread.sleep(500); // let the server flush its log
    writeReport(file, parse(Files.readAllLines(db.serverLog(), StandardCharsets.UTF_8)),
        new ArrayList<>(ops.keySet()));
  }

  /** One library call and one raw call per operation, on rows prepared before tracing starts. */
  private Map<String, Runnable[]> operations() {
    Dataset d = ctx.data();
    String org = d.org();
    Agent libAgent = ctx.store().agents().create(Dataset.agent(org, "trace-lib", 0));
    Agent rawAgent = ctx.store().agents().create(Dataset.agent(org, "trace-raw", 0));
    AgentExecution libExec = ctx.store().agentExecutions().create(
        Dataset.execution(org, "trace-exec-lib", null));
    AgentExecution rawExec = ctx.store().agentExecutions().create(
        Dataset.execution(org, "trace-exec-raw", null));
    long[] rawVersion = {rawAgent.metadata().version()};
    Agent[] lib = {libAgent};
    String snap = d.agentSnapshot(rawAgent.id(), "trace-raw");
    Map<String, Runnable[]> ops = new LinkedHashMap<>();
    ops.put("create", pair(
        () -> ctx.store().agents().create(Dataset.agent(org, "trace-create-lib", 0)),
        () -> {
          String id = Ids.next(Kind.AGENT);
          String slug = "trace-create-raw";
          ctx.raw().create(ctx.conn(), RawTable.AGENTS, d.agentRow().withIdentity(id, slug,
              RawStore.now()), "AGENT", d.agentSnapshot(id, slug));
        }));
    ops.put("get", pair(() -> ctx.store().agents().get(libAgent.id()),
        () -> ctx.raw().get(ctx.conn(), RawTable.AGENTS, rawAgent.id())));
    ops.put("update", pair(
        () -> lib[0] = ctx.store().agents().update(new Agent(lib[0].metadata(), Dataset.spec(1),
            null)),
        () -> rawVersion[0] = ctx.raw().update(ctx.conn(), RawTable.AGENTS, "AGENT",
            rawAgent.id(), rawVersion[0], d.agentSpecJson(1), null, snap, "UPDATED",
            Dataset.ACTOR).version()));
    ops.put("updateStatus", pair(
        () -> lib[0] = ctx.store().agents().updateStatus(lib[0].withStatus(
            AgentStatus.builder().defaultInstanceId(Ids.next(Kind.AGENT_INSTANCE)).build())),
        () -> rawVersion[0] = ctx.raw().update(ctx.conn(), RawTable.AGENTS, "AGENT",
            rawAgent.id(), rawVersion[0], null, "{\"defaultInstanceId\":\""
                + Ids.next(Kind.AGENT_INSTANCE) + "\"}", snap, "STATUS_UPDATED", Dataset.ACTOR)
            .version()));
    ops.put("apply (existing)", pair(
        () -> ctx.store().agents().apply(Dataset.agent(org, "trace-lib", 2)),
        () -> ctx.raw().apply(ctx.conn(), RawTable.AGENTS, "AGENT", org, "trace-raw",
            d.agentSpecJson(2), snap, Dataset.ACTOR)));
    ops.put("appendMessages", pair(
        () -> ctx.store().agentExecutions().appendMessages(libExec.id(), Dataset.message(1)),
        () -> ctx.raw().append(ctx.conn(), rawExec.id(), "messages", List.of(d.messageBody()),
            "{\"messages\":[" + d.messageBody() + "]}", Dataset.ACTOR)));
    ops.put("page", pair(
        () -> ctx.store().agentExecutions().list(Query.builder().org(org)
            .phase(ExecutionPhase.PENDING).orderBy(Query.OrderBy.CREATED_AT, true).pageSize(50)
            .build()),
        () -> ctx.raw().page(ctx.conn(), org, ExecutionPhase.PENDING.name(), 50, true)));
    return ops;
  }

  /** A call that may throw checked exceptions. */
  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  private static Runnable[] pair(Call lib, Call raw) {
    return new Runnable[] {unchecked(lib), unchecked(raw)};
  }

  private static Runnable unchecked(Call c) {
    return () -> {
      try {
        c.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static void mark(Connection c, String label) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT '" + MARK + label + "'");
    }
  }

  private void setLogging(boolean on) throws Exception {
    try (Connection c = db.admin(); Statement st = c.createStatement()) {
      st.execute(on ? "ALTER SYSTEM SET log_statement = 'all'"
          : "ALTER SYSTEM RESET log_statement");
      st.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(500); // backends apply the reload before their next command
  }

  /** Statements between markers, by marker label. */
  static Map<String, List<String>> parse(List<String> log) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : log) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String sql = m.group(2).trim();
      int mark = sql.indexOf(MARK);
      if (mark >= 0) {
        String label = sql.substring(mark + MARK.length(), sql.lastIndexOf('\''));
        current = label.equals("end") ? null : out.computeIfAbsent(label, k -> new ArrayList<>());
        continue;
      }
      if (current != null && !sql.isEmpty()) {
        current.add(sql);
      }
    }
    return out;
  }

  private static void writeReport(Path file, Map<String, List<String>> traced, List<String> ops)
      throws IOException {
    StringBuilder md = new StringBuilder("# SQL trace: library beside raw baseline\n\n"
        + "The statements embedded PostgreSQL received (`log_statement = 'all'`) for one library"
        + " call and one raw-JDBC call of each operation, in order. Bind values are not shown;"
        + " `$n` are the driver's placeholders. Written by `-Dbench.traceSql=true`.\n\n");
    int same = 0;
    for (String op : ops) {
      List<String> lib = traced.getOrDefault("lib " + op, List.of());
      List<String> raw = traced.getOrDefault("raw " + op, List.of());
      boolean identical = lib.equals(raw);
      same += identical ? 1 : 0;
      md.append("## ").append(op).append("\n\nIdentical statement sequence: **")
          .append(identical ? "yes" : "no").append("** (library ").append(lib.size())
          .append(" statements, raw ").append(raw.size()).append(")\n\n");
      if (identical) {
        block(md, lib);
      } else {
        md.append("Library:\n\n");
        block(md, lib);
        md.append("Raw:\n\n");
        block(md, raw);
      }
    }
    md.insert(md.indexOf("\n\n") + 2, same + " of " + ops.size()
        + " operations send identical statement sequences.\n\n");
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    System.out.println("  SQL trace: " + same + " of " + ops.size() + " identical -> " + file);
  }

  private static void block(StringBuilder md, List<String> sql) {
    md.append("```sql\n");
    sql.forEach(s -> md.append(s).append('\n'));
    md.append("```\n\n");
  }
}
