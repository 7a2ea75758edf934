package dev.agentstore.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite fixture: a {@code local:} store in a scratch directory, and raw connections to its
 * {@code agentstore.db} configured exactly as backend-local's {@code LocalBackendFactory}
 * configures its own (WAL, foreign keys on, busy timeout 30 s, {@code synchronous=FULL}, the
 * library's default).
 *
 * <p>Usage: {@code try (SqliteDb db = new SqliteDb(dir)) { db.openStore(); db.connect(); }}
 */
final class SqliteDb implements BenchDb {
  /** The library's default busy timeout (LocalBackendFactory: {@code busyTimeoutMs} 30000). */
  static final int BUSY_TIMEOUT_MS = 30_000;
  private final Path dir;
  private final SQLiteDataSource raw;

  /** A fixture whose store lives in {@code dir} (created on first open). */
  SqliteDb(Path dir) {
    this.dir = dir;
    this.raw = dataSource(dir.resolve("agentstore.db"));
  }

  /** The SQLite settings backend-local uses, for a raw connection to {@code db}. */
  static SQLiteDataSource dataSource(Path db) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.enforceForeignKeys(true);
    cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl("jdbc:sqlite:" + db);
    return ds;
  }

  /** The data directory. */
  Path dir() {
    return dir;
  }

  @Override
  public String name() {
    return "SQLite";
  }

  @Override
  public String uri() {
    return "local:" + dir;
  }

  @Override
  public RawStore.Dialect dialect() {
    return RawStore.Dialect.SQLITE;
  }

  @Override
  public DataSource dataSource() {
    return raw;
  }

  @Override
  public Connection connect() throws SQLException {
    return raw.getConnection();
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    try (Connection c = connect(); Statement st = c.createStatement()) {
      s.put("SQLite version", one(st, "select sqlite_version()") + " (sqlite-jdbc "
          + c.getMetaData().getDriverVersion() + ")");
      s.put("journal_mode", one(st, "pragma journal_mode"));
      String sync = one(st, "pragma synchronous");
      s.put("synchronous", ("2".equals(sync) ? "FULL" : sync)
          + " (library default: LocalBackendFactory option synchronous=FULL)");
      s.put("foreign_keys", one(st, "pragma foreign_keys"));
      s.put("busy_timeout", one(st, "pragma busy_timeout") + " ms");
      s.put("page_size / cache_size", one(st, "pragma page_size") + " B / "
          + one(st, "pragma cache_size"));
    } catch (SQLException e) {
      s.put("error", e.toString());
    }
    s.put("library pools", "1 writer + 4 readers (HikariCP), BEGIN IMMEDIATE writes");
    s.put("raw connections", "sqlite-jdbc SQLiteDataSource with the same SQLiteConfig");
    return s;
  }

  static String one(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  @Override
  public void close() {
    // nothing runs: the store's files go with the work directory
  }
}
