package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One database the benchmarks run on: how to open the library's store on it, how to open raw
 * JDBC connections to the very same database with the same settings, and the settings to report.
 *
 * <p>Usage: {@code try (BenchDb db = SqliteDb.create(dir)) { AgentStore s = db.openStore(); Connection c = db.connect(); }}
 */
interface BenchDb extends AutoCloseable {

  /** The display name: {@code SQLite} or {@code PostgreSQL}. */
  String name();

  /** The store URI the library opens (may hold credentials: never print it). */
  String uri();

  /** The raw statements' dialect. */
  RawStore.Dialect dialect();

  /** Opens a library store on this database. */
  default AgentStore openStore() {
    return AgentStore.open(uri());
  }

  /** A raw JDBC connection to this database with the library's settings. */
  Connection connect() throws SQLException;

  /** The driver's data source for this database, with the library's settings (baselines' pools). */
  DataSource dataSource();

  /** A raw connection tuned for bulk seeding (same database, same durability). */
  default Connection connectForSeeding() throws SQLException {
    return connect();
  }

  /** Version and durability settings, read from the database, for the report. */
  Map<String, String> settings();

  /** Stops or deletes what this fixture started or created. */
  @Override
  void close();
}
