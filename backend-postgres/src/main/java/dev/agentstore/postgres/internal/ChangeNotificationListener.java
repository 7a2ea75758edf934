package dev.agentstore.postgres.internal;

import dev.agentstore.postgres.PostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes this process's change subscriptions when another process commits history: one dedicated
 * connection (outside the pool) runs {@code LISTEN agentstore_changes} and a daemon thread waits
 * for notifications. It reconnects with backoff when the connection drops and wakes subscribers
 * after each reconnect, since notifications sent meanwhile are lost. Subscriptions also poll, so
 * a lost notification delays a change, never loses it.
 *
 * <p>Usage: {@code ChangeNotificationListener l = new ChangeNotificationListener(url, props, backend::fireCommittedChanges); l.start();}
 */
public final class ChangeNotificationListener implements AutoCloseable {
  private static final int WAIT_MS = 500;
  private static final long MAX_BACKOFF_MS = 10_000;

  private final String jdbcUrl;
  private final Properties props;
  private final Runnable wake;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Connection connection;

  /** A listener that runs {@code wake} on every notification; call {@link #start()}. */
  public ChangeNotificationListener(String jdbcUrl, Properties props, Runnable wake) {
    this.jdbcUrl = jdbcUrl;
    this.props = props;
    this.wake = wake;
    this.thread = new Thread(this::loop, "agentstore-pg-listen");
    this.thread.setDaemon(true);
  }

  /** Starts listening. */
  public void start() {
    thread.start();
  }

  private void loop() {
    long backoff = 250;
    while (!stopped) {
      try (Connection c = new org.postgresql.Driver().connect(jdbcUrl, props)) {
        connection = c;
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + PostgresDialect.CHANGES_CHANNEL);
        }
        wake.run(); // anything committed while we were not listening
        backoff = 250;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!stopped) {
          PGNotification[] got = pg.getNotifications(WAIT_MS);
          if (got != null && got.length > 0) {
            wake.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (stopped) {
          return;
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      } finally {
        connection = null;
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and closes the connection. */
  @Override
  public void close() {
    stopped = true;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing a connection we no longer need; nothing to report
      }
    }
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
