package dev.agentstore.postgres.internal;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.ConnectionPool;
import dev.agentstore.sql.SqlBackendWiring;
import dev.agentstore.sql.SqlBackendWiring.Migrations;
import dev.agentstore.sql.SqlBackendWiring.PoolSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds a PostgreSQL backend on the shared {@link SqlBackendWiring}: one pool for reads and
 * writes, migrations applied under a session advisory lock so stores opening the same empty
 * database at once migrate it once. What is PostgreSQL's own: the driver's data source, the
 * advisory lock, the pool options and LISTEN/NOTIFY wake-ups.
 *
 * <p>Usage: {@code Backend b = PostgresBackendFactory.open(PostgresUri.parse(uri, options), null);}
 */
public final class PostgresBackendFactory {
  /** The advisory lock key openers hold while migrating ("agentmig" in ASCII). */
  static final long MIGRATION_LOCK = 0x6167656e746d6967L;
  /** The newest script in {@code db/migration/postgresql}; a test keeps the two in step. */
  public static final String LATEST_MIGRATION = "9";
  private static final Migrations MIGRATIONS = new Migrations(
      PostgresBackendFactory.class.getClassLoader(), "classpath:db/migration/postgresql",
      LATEST_MIGRATION);

  private PostgresBackendFactory() {}

  /** Opens (migrating when needed) the store at {@code uri}. */
  public static Backend open(PostgresUri uri, StoreObserver observer) {
    PoolSettings settings = poolSettings(uri); // bad options fail before any connection
    DataSource source = dataSource(uri);
    String what = "PostgreSQL at " + PostgresUri.redacted(uri.jdbcUrl());
    SqlBackendWiring.migrate(source, what, MIGRATIONS, () -> advisoryLock(source));
    ConnectionPool pool = SqlBackendWiring.pool(source, settings, what, observer);
    Capabilities caps = new Capabilities(EnumSet.of(Capabilities.Feature.SHARED_OPEN,
        Capabilities.Feature.CROSS_PROCESS_NOTIFY));
    return new PostgresBackend(pool, caps, uri.jdbcUrl(), credentials(uri), pool);
  }

  private static PoolSettings poolSettings(PostgresUri uri) {
    BackendConfig options = new BackendConfig(uri.jdbcUrl(), uri.options());
    int max = options.intOption("maximumPoolSize", 10);
    int minIdle = options.intOption("minimumIdle", 1);
    long connectionTimeout = options.intOption("connectionTimeoutMs", 10_000);
    long idleTimeout = options.intOption("idleTimeoutMs", 600_000);
    long maxLifetime = options.intOption("maxLifetimeMs", 1_800_000);
    if (max < 1 || minIdle < 0 || minIdle > max) {
      throw new InvalidArgumentException("options: maximumPoolSize must be >= 1 and minimumIdle"
          + " between 0 and maximumPoolSize, got " + max + " and " + minIdle);
    }
    if (connectionTimeout < 250) {
      throw new InvalidArgumentException("option connectionTimeoutMs: must be >= 250, got "
          + connectionTimeout);
    }
    return new PoolSettings("agentstore-postgres", max, minIdle, connectionTimeout, idleTimeout,
        maxLifetime);
  }

  /** The driver's unpooled data source: the pool, Flyway and the migration lock draw on it. */
  private static DataSource dataSource(PostgresUri uri) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(uri.jdbcUrl()); // PostgresUri.parse has already checked it with the same parser
    if (uri.user() != null) {
      ds.setUser(uri.user());
    }
    if (uri.password() != null) {
      ds.setPassword(uri.password());
    }
    if (!uri.jdbcUrl().toLowerCase(Locale.ROOT).contains("applicationname=")) {
      ds.setApplicationName("agentstore");
    }
    return ds;
  }

  /**
   * Holds a session advisory lock on a connection of its own (not the pool's, which may hold a
   * single connection) until closed.
   */
  private static AutoCloseable advisoryLock(DataSource source) throws SQLException {
    Connection lock = source.getConnection();
    try {
      advisory(lock, "select pg_advisory_lock(?)");
    } catch (SQLException | RuntimeException e) {
      lock.close();
      throw e;
    }
    return () -> {
      try (lock) {
        advisory(lock, "select pg_advisory_unlock(?)");
      }
    };
  }

  /** Driver properties for connections made outside the pool (change notifications). */
  private static Properties credentials(PostgresUri uri) {
    Properties props = new Properties();
    if (uri.user() != null) {
      props.setProperty("user", uri.user());
    }
    if (uri.password() != null) {
      props.setProperty("password", uri.password());
    }
    return props;
  }

  private static void advisory(Connection c, String sql) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, MIGRATION_LOCK);
      st.execute();
    }
  }
}
