package dev.agentstore.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Decides whether opening a store must run Flyway at all. Loading Flyway, scanning the class path
 * for scripts and validating them cost several hundred milliseconds of every cold open, yet on an
 * existing store there is nothing to do; so a backend asks first whether Flyway's history already
 * records the newest migration this library bundles, and runs Flyway (with its validation and
 * locking) only when it does not: a new store, an older store to upgrade, a store another version
 * wrote, or one with a failed migration.
 *
 * <p>Usage: {@code if (!MigrationGate.isCurrent(dataSource, LATEST_MIGRATION)) migrate(dataSource);}
 */
public final class MigrationGate {
  /** Flyway's default history table, in the connection's current schema. */
  public static final String HISTORY_TABLE = "flyway_schema_history";
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

  private MigrationGate() {}

  /**
   * True only when the newest applied migration is {@code latestVersion} and none failed. Any
   * doubt (no history table, an unreadable one, another version) answers false, so the caller
   * runs Flyway, which then decides with its full checks.
   */
  public static boolean isCurrent(DataSource source, String latestVersion) {
    try (Connection c = source.getConnection()) {
      return isCurrent(c, latestVersion);
    } catch (SQLException e) {
      return false;
    }
  }

  /** {@link #isCurrent(DataSource, String)} on a connection the caller already holds. */
  public static boolean isCurrent(Connection c, String latestVersion) {
    try (Statement s = c.createStatement()) {
      try (ResultSet failed = s.executeQuery(
          "select count(*) from " + HISTORY_TABLE + " where not success")) {
        if (!failed.next() || failed.getLong(1) != 0) {
          return false;
        }
      }
      try (ResultSet newest = s.executeQuery("select version from " + HISTORY_TABLE
          + " where version is not null order by installed_rank desc limit 1")) {
        return newest.next() && latestVersion.equals(newest.getString(1));
      }
    } catch (SQLException e) {
      return false; // a new database has no history table: Flyway creates it
    }
  }

  /**
   * The highest version among the {@code V<version>__<description>.sql} scripts in a migration
   * folder: each dialect module's test checks its declared latest version against its sources.
   */
  public static Optional<String> newestVersionIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> VERSIONED.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1).replace('_', '.'))
          .max(MigrationGate::compareVersions);
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }
}
