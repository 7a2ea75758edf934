package dev.agentstore.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.agentstore.AgentStoreException;
import dev.agentstore.UnavailableException;
import dev.agentstore.observe.StoreObserver;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * What every SQL database module does to open a store, written once: connect (a clear
 * {@link UnavailableException} when the database cannot be reached), skip Flyway when the
 * {@link MigrationGate} says the schema is current, otherwise migrate under the module's lock, and
 * build quiet connection pools. A module adds only its data source, its lock and its options.
 *
 * <p>Usage:
 * <pre>{@code
 * SqlBackendWiring.migrate(source, "MariaDB at " + url, migrations, lock);
 * ConnectionPool pool = SqlBackendWiring.pool(source, PoolSettings.fixed("agentstore", 8, 5000), what);
 * Backend b = new SqlBackend(mariaDbDialect, pool, pool, caps, null, List.of(), pool);
 * }</pre>
 */
public final class SqlBackendWiring {
  static {
    QuietLibraries.apply();
  }

  private SqlBackendWiring() {}

  /**
   * A module's bundled migrations.
   *
   * @param classLoader the loader that sees the scripts (the module's own)
   * @param location the Flyway location, e.g. {@code classpath:db/migration/sqlite}
   * @param latestVersion the newest script's version; the module's test keeps the two in step
   */
  public record Migrations(ClassLoader classLoader, String location, String latestVersion) {}

  /**
   * Makes concurrent openers of the same empty database migrate it once: {@code acquire} blocks
   * until this opener holds the lock, and closing the result releases it.
   */
  @FunctionalInterface
  public interface MigrationLock {
    /** For a module that already holds its lock around the whole {@link #migrate} call. */
    MigrationLock ALREADY_HELD = () -> () -> { };

    /** Takes the lock. */
    AutoCloseable acquire() throws Exception;
  }

  /**
   * The size and timeouts of one pool.
   *
   * @param name the pool name (in thread names and Hikari's logs)
   * @param maximumSize the most connections
   * @param minimumIdle the idle connections kept open
   * @param connectionTimeoutMs how long a caller waits for a connection (>= 250)
   * @param idleTimeoutMs when an idle connection above {@code minimumIdle} is closed
   * @param maxLifetimeMs when a connection is retired
   */
  public record PoolSettings(String name, int maximumSize, int minimumIdle,
      long connectionTimeoutMs, long idleTimeoutMs, long maxLifetimeMs) {

    /** A pool of {@code size} connections with Hikari's idle and lifetime defaults. */
    public static PoolSettings fixed(String name, int size, long connectionTimeoutMs) {
      return new PoolSettings(name, size, Math.min(1, size), connectionTimeoutMs, 600_000,
          1_800_000);
    }
  }

  /**
   * Connects once to {@code source} and, unless its schema is already current, runs the
   * migrations while holding {@code lock}. {@code database} names the store in error messages
   * (never with a password).
   */
  public static void migrate(DataSource source, String database, Migrations migrations,
      MigrationLock lock) {
    boolean current;
    try (Connection c = source.getConnection()) {
      current = MigrationGate.isCurrent(c, migrations.latestVersion());
    } catch (SQLException e) {
      throw new UnavailableException("cannot connect to " + database + ": " + rootMessage(e), e);
    }
    if (current) {
      return; // the common open: Flyway is not even loaded
    }
    try (AutoCloseable held = lock.acquire()) {
      Flyway.configure(migrations.classLoader())
          .dataSource(source)
          .locations(migrations.location())
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new UnavailableException("migrating " + database + " failed: " + e.getMessage(), e);
    } catch (AgentStoreException e) {
      throw e;
    } catch (Exception e) {
      throw new UnavailableException("cannot hold the migration lock of " + database + ": "
          + rootMessage(e), e);
    }
  }

  /**
   * A pool over {@code source}. Connections start in auto-commit: the dialect begins each
   * transaction explicitly. The pool connects lazily; {@link #migrate} has already shown the
   * database is reachable.
   */
  public static ConnectionPool pool(DataSource source, PoolSettings settings, String database) {
    return pool(source, settings, database, null);
  }

  /**
   * A pool as {@link #pool(DataSource, PoolSettings, String)}, watched by {@code observer}
   * ({@link StoreObserver#watchPool}) until it closes; none when {@code observer} is null.
   */
  public static ConnectionPool pool(DataSource source, PoolSettings settings, String database,
      StoreObserver observer) {
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(source);
    hc.setPoolName(settings.name());
    hc.setMaximumPoolSize(settings.maximumSize());
    hc.setMinimumIdle(settings.minimumIdle());
    hc.setConnectionTimeout(settings.connectionTimeoutMs());
    hc.setIdleTimeout(settings.idleTimeoutMs());
    hc.setMaxLifetime(settings.maxLifetimeMs());
    hc.setAutoCommit(true);
    // No connection at construction: Hikari's fail-fast check logs "Added connection" at INFO.
    hc.setInitializationFailTimeout(-1);
    try {
      return new ConnectionPool(hc, observer);
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot open a connection pool for " + database + ": "
          + rootMessage(e), e);
    }
  }

  /** The message of the innermost cause: the driver's own words (no URL, so no password). */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
