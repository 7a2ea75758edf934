package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStores;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.postgres.internal.PostgresUri;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Issue 14's copy target: {@code AgentStores.copy} of a SQLite store holding {@code executions}
 * agent executions with {@code items} messages each (and their history) into a new PostgreSQL
 * store, beside PostgreSQL's own {@code COPY ... FROM STDIN} (pgjdbc {@code CopyManager}) of the
 * very same rows into the same schema in another new database: the rows the copy wrote are
 * dumped table by table ({@code COPY ... TO STDOUT}, not timed) and loaded again in foreign-key
 * order in one transaction (timed). Prints {@code name=value} lines: rows, seconds, rows/s and
 * the ratio copy / COPY (the copy's time includes opening, so migrating, the new target
 * database, as {@code AgentStores.copy(fromUri, toUri)} would; {@code ratioWithoutOpen} leaves
 * that fixed cost out, as the baseline's database is migrated before its clock starts).
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.bench.CopyProbe -Dbench.copy.executions=10000 -Dbench.copy.items=10}
 */
public final class CopyProbe {
  private CopyProbe() {}

  /** Seeds, copies, loads with COPY and prints the figures. */
  public static void main(String[] args) throws Exception {
    int executions = Integer.getInteger("bench.copy.executions", 10_000);
    int items = Integer.getInteger("bench.copy.items", 10);
    int batch = Integer.getInteger("bench.copy.batch", 500);
    int seedBatch = Integer.getInteger("bench.copy.seedBatch", 1000);
    Path work = Path.of(System.getProperty("bench.work", "target/bench-work"), "copy");
    Files.createDirectories(work);
    Path sqlite = Files.createTempDirectory(work, "sqlite-");
    try (PostgresDb pg = PostgresDb.start(work);
        AgentStore source = AgentStore.open("local:" + sqlite)) {
      long t0 = System.nanoTime();
      seed(source, executions, items, seedBatch);
      System.out.printf("seedSeconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
      String baselineDb = "copy_baseline_" + Long.toString(System.nanoTime(), 36);
      try (Connection admin = pg.admin(); Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE " + baselineDb);
      }
      String baselineUrl = PostgresUri.withDatabase(pg.adminUrl(), baselineDb);
      try (AgentStore migrated = AgentStore.open(baselineUrl)) {
        migrated.organizations(); // the schema, migrated like the copy's target
      }
      long commitsBefore = commits(pg.uri());
      long t1 = System.nanoTime();
      AgentStores.CopyReport report;
      double openSeconds;
      try (AgentStore target = AgentStore.builder().uri(pg.uri()).keyProvider(
          KeysetFileKeyProvider.existing(sqlite.resolve("master.key"))).open()) {
        openSeconds = (System.nanoTime() - t1) / 1e9; // migrating the new database
        report = AgentStores.copy().from(source).to(target).batchSize(batch).run();
      }
      double copySeconds = (System.nanoTime() - t1) / 1e9;
      long copyCommits = commits(pg.uri()) - commitsBefore;
      long rows = report.sections().values().stream().mapToLong(Long::longValue).sum();
      Map<String, byte[]> dump = dump(pg.uri());
      long copyRows;
      double loadSeconds;
      try (Connection c = DriverManager.getConnection(baselineUrl)) {
        c.setAutoCommit(false);
        truncate(c, dump.keySet()); // the migrated schema's own rows (settings) go first
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long t2 = System.nanoTime();
        copyRows = 0;
        for (Map.Entry<String, byte[]> e : dump.entrySet()) {
          copyRows += copy.copyIn("COPY " + e.getKey() + " FROM STDIN (FORMAT binary)",
              new ByteArrayInputStream(e.getValue()));
        }
        c.commit();
        loadSeconds = (System.nanoTime() - t2) / 1e9;
      }
      System.out.println("executions=" + executions);
      System.out.println("itemsPerExecution=" + items);
      System.out.println("batchSize=" + batch);
      System.out.println("copiedRecords=" + rows + " " + report.sections());
      System.out.println("tableRows=" + copyRows);
      System.out.println("copyTransactions=" + copyCommits);
      System.out.printf("targetOpenSeconds=%.2f%n", openSeconds);
      System.out.printf("copySeconds=%.2f%n", copySeconds);
      System.out.printf("copyRowsPerSecond=%.0f%n", copyRows / copySeconds);
      System.out.printf("pgCopySeconds=%.2f%n", loadSeconds);
      System.out.printf("pgCopyRowsPerSecond=%.0f%n", copyRows / loadSeconds);
      System.out.printf("ratio=%.3f%n", loadSeconds / copySeconds);
      System.out.printf("ratioWithoutOpen=%.3f%n", loadSeconds / (copySeconds - openSeconds));
    }
  }

  /**
   * One org, one agent, and the executions with their messages, {@code perTransaction}
   * executions a transaction (one SQLite commit each: the seeding of 100k executions is bound by
   * the per-execution work, not by commits, once transactions are this large).
   */
  static void seed(AgentStore s, int executions, int items, int perTransaction) {
    String org = s.organizations().create(Dataset.organization("copy-bench")).id();
    String agent = s.agents().create(Dataset.agent(org, "copy-agent", 0)).id();
    for (int done = 0; done < executions; done += perTransaction) {
      int from = done;
      int n = Math.min(perTransaction, executions - done);
      s.inTransaction(tx -> {
        for (int i = 0; i < n; i++) {
          AgentExecution run = tx.agentExecutions().create(Dataset.execution(org,
              "run-" + (from + i), agent));
          AgentMessage[] messages = new AgentMessage[items];
          for (int m = 0; m < items; m++) {
            messages[m] = Dataset.message(m);
          }
          tx.agentExecutions().appendMessages(run.id(), messages);
        }
        return null;
      });
    }
  }

  /**
   * The transactions committed in the database of {@code url} so far (PostgreSQL's statistics,
   * which include this query's own and lag by up to a second, hence the pause).
   */
  static long commits(String url) throws SQLException, InterruptedException {
    Thread.sleep(1500);
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
        ResultSet r = st.executeQuery("SELECT xact_commit FROM pg_stat_database"
            + " WHERE datname = current_database()")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Every non-empty table of the store's database but Flyway's, parents before children. */
  static Map<String, byte[]> dump(String url) throws SQLException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (String table : parentsFirst(c)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
          if (copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", bytes) > 0) {
            out.put(table, bytes.toByteArray());
          }
        } catch (java.io.IOException e) {
          throw new SQLException(e);
        }
      }
    }
    return out;
  }

  private static List<String> parentsFirst(Connection c) throws SQLException {
    Set<String> tables = new LinkedHashSet<>();
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet r = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname ="
          + " current_schema() AND tablename NOT LIKE 'flyway%' ORDER BY tablename")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      try (ResultSet r = st.executeQuery("SELECT conrelid::regclass::text,"
          + " confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'")) {
        while (r.next()) {
          parents.computeIfAbsent(r.getString(1), k -> new LinkedHashSet<>()).add(r.getString(2));
        }
      }
    }
    List<String> out = new ArrayList<>();
    while (out.size() < tables.size()) {
      for (String t : tables) {
        if (!out.contains(t) && out.containsAll(parents.getOrDefault(t, Set.of()).stream()
            .filter(p -> !p.equals(t)).toList())) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static void truncate(Connection c, Set<String> tables) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
    }
  }
}
