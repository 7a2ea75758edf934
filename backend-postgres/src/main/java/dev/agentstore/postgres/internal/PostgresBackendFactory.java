package dev.agentstore.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.UnavailableException;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.MigrationGate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Builds a PostgreSQL backend: one HikariCP pool for reads and writes, migrations applied under
 * a session advisory lock so stores opening the same empty database at once migrate it once.
 *
 * <p>Usage: {@code Backend b = PostgresBackendFactory.open(PostgresUri.parse(uri, options));}
 */
public final class PostgresBackendFactory {
  /** The advisory lock key openers hold while migrating ("agentmig" in ASCII). */
  static final long MIGRATION_LOCK = 0x6167656e746d6967L;
  /** The newest script in {@code db/migration/postgresql}; a test keeps the two in step. */
  public static final String LATEST_MIGRATION = "1";

  private PostgresBackendFactory() {}

  /** Opens (migrating when needed) the store at {@code uri}. */
  public static Backend open(PostgresUri uri) {
    HikariDataSource pool = pool(uri);
    try {
      migrate(uri, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    Capabilities caps = new Capabilities(EnumSet.of(Capabilities.Feature.SHARED_OPEN,
        Capabilities.Feature.CROSS_PROCESS_NOTIFY));
    return new PostgresBackend(pool, caps, uri.jdbcUrl(), credentials(uri), pool::close);
  }

  private static HikariDataSource pool(PostgresUri uri) {
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
    HikariConfig hc = new HikariConfig();
    hc.setDriverClassName("org.postgresql.Driver");
    hc.setJdbcUrl(uri.jdbcUrl());
    if (uri.user() != null) {
      hc.setUsername(uri.user());
    }
    if (uri.password() != null) {
      hc.setPassword(uri.password());
    }
    hc.setPoolName("agentstore-postgres");
    hc.setMaximumPoolSize(max);
    hc.setMinimumIdle(minIdle);
    hc.setConnectionTimeout(connectionTimeout);
    hc.setIdleTimeout(idleTimeout);
    hc.setMaxLifetime(maxLifetime);
    hc.setAutoCommit(true); // transactions are begun explicitly by the dialect
    hc.addDataSourceProperty("ApplicationName", "agentstore");
    try {
      return new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot connect to PostgreSQL at "
          + PostgresUri.redacted(uri.jdbcUrl()) + ": " + rootMessage(e), e);
    }
  }

  /**
   * Runs the migrations while holding a session advisory lock, on a connection of its own (not
   * from the pool, which may hold a single connection), so two stores opening the same empty
   * database at the same moment both succeed and migrate once. Skips Flyway entirely when the
   * database already records the newest migration.
   */
  private static void migrate(PostgresUri uri, HikariDataSource pool) {
    if (MigrationGate.isCurrent(pool, LATEST_MIGRATION)) {
      return;
    }
    try (Connection lock = new org.postgresql.Driver().connect(uri.jdbcUrl(), credentials(uri))) {
      advisory(lock, "select pg_advisory_lock(?)");
      try {
        Flyway.configure(PostgresBackendFactory.class.getClassLoader())
            .dataSource(pool)
            .locations("classpath:db/migration/postgresql")
            .failOnMissingLocations(true)
            .load()
            .migrate();
      } finally {
        advisory(lock, "select pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new UnavailableException("migrating the PostgreSQL database failed: "
          + rootMessage(e), e);
    } catch (FlywayException e) {
      throw new UnavailableException("migrating the PostgreSQL database failed: "
          + e.getMessage(), e);
    }
  }

  /** Driver properties for connections made outside the pool. */
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

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
