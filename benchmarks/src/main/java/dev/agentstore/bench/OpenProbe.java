package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The child JVM of the cold-open workload. {@code lib}: {@code AgentStore.open} of the existing
 * store named by the environment variable {@code BENCH_URI}, then one {@code get} of the org
 * {@code BENCH_ORG}. {@code raw-sqlite} / {@code raw-postgres}: a plain JDBC connection to the
 * same database (SQLite with the library's settings) and one query. Prints {@code open_ms},
 * {@code first_query_ms} and {@code jvm_uptime_ms}.
 *
 * <p>Usage: {@code BENCH_URI=local:/tmp/s java -cp ... dev.agentstore.bench.OpenProbe lib}
 */
public final class OpenProbe {
  private OpenProbe() {}

  /** The raw side's one query: the page-token setting every store has. */
  static void rawQuery(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select \"value\" from \"store_settings\" where \"name\" = ?")) {
      ps.setString(1, "page_token_key");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }

  /** Opens, queries once, prints the times. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String uri = System.getenv("BENCH_URI");
    long t0 = System.nanoTime();
    double openMs;
    double queryMs;
    if (mode.equals("lib")) {
      try (AgentStore store = AgentStore.open(uri)) {
        long t1 = System.nanoTime();
        store.organizations().get(System.getenv("BENCH_ORG")).orElseThrow();
        long t2 = System.nanoTime();
        openMs = (t1 - t0) / 1e6;
        queryMs = (t2 - t1) / 1e6;
      }
    } else {
      Connection c = mode.equals("raw-sqlite")
          ? SqliteDb.dataSource(Path.of(uri)).getConnection()
          : DriverManager.getConnection(uri);
      try (c) {
        long t1 = System.nanoTime();
        rawQuery(c);
        long t2 = System.nanoTime();
        openMs = (t1 - t0) / 1e6;
        queryMs = (t2 - t1) / 1e6;
      }
    }
    System.out.println("open_ms=" + openMs);
    System.out.println("first_query_ms=" + queryMs);
    System.out.println("jvm_uptime_ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
