package dev.agentstore.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.agentstore.observe.StoreObserver;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A HikariCP pool as a {@link DataSource}, built on {@link HikariPool} rather than
 * {@code HikariDataSource}: the latter logs "Starting...", "Start completed." and "Shutdown
 * initiated..." at INFO on every open and close, and a library stays quiet at INFO. The pool
 * itself (connection reuse, validation, eviction of broken connections, timeouts) is Hikari's.
 * With an observer, the pool is handed to {@link StoreObserver#watchPool} (read live from Hikari's
 * pool counters) until it closes.
 *
 * <p>Usage: {@code try (ConnectionPool p = SqlBackendWiring.pool(source, settings, "SQLite")) {...}}
 */
public final class ConnectionPool implements DataSource, AutoCloseable {
  private final HikariPool pool;
  private final Runnable unwatch;
  private final long connectionTimeoutMs;

  ConnectionPool(HikariConfig config, StoreObserver observer) {
    config.validate();
    this.pool = new HikariPool(config);
    this.connectionTimeoutMs = config.getConnectionTimeout();
    int max = config.getMaximumPoolSize();
    this.unwatch = observer == null ? () -> { } : observer.watchPool(config.getPoolName(),
        new StoreObserver.PoolUsage() {
          @Override
          public int active() {
            return pool.getActiveConnections();
          }

          @Override
          public int idle() {
            return pool.getIdleConnections();
          }

          @Override
          public int pending() {
            return pool.getThreadsAwaitingConnection();
          }

          @Override
          public int max() {
            return max;
          }
        });
  }

  /** How long {@link #getConnection} waits for a free connection before it fails. */
  public long connectionTimeoutMs() {
    return connectionTimeoutMs;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Closes the idle connections now and the ones in use when they are returned; new ones are
   * opened on demand. For when one connection was found dead: its siblings opened before the
   * same server restart are dead too.
   */
  public void evictIdle() {
    pool.softEvictConnections();
  }

  /** Credentials belong to the pool's data source, not to each call. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's connections all use its own credentials");
  }

  /** Closes every connection; waits for the ones in use to be returned (Hikari's shutdown). */
  @Override
  public void close() {
    unwatch.run();
    try {
      pool.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Hikari reports through SLF4J; there is no writer to set.
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException("set connectionTimeoutMs on the pool instead");
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the pool logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
