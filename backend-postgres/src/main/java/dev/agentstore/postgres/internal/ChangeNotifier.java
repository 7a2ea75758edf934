package dev.agentstore.postgres.internal;

import dev.agentstore.postgres.PostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Tells other processes that this one committed history: after each such commit the backend
 * calls {@link #changed()}, and a daemon thread sends {@code NOTIFY agentstore_changes} in a
 * transaction of its own, once for any number of commits made since its last one and at most
 * every {@value #MIN_INTERVAL_MS} ms. It runs outside the writers' transactions because
 * PostgreSQL serializes the commits of transactions that notify (one database-wide lock, held
 * through the commit flush), which would undo the parallel commits of history writers; its own
 * commit skips the WAL flush wait ({@code synchronous_commit} off for that transaction only),
 * since a notification needs no durability. A notification that fails to go out only delays the
 * other processes' subscribers until their next poll.
 *
 * <p>Usage: {@code ChangeNotifier n = new ChangeNotifier(pool); n.changed(); n.close();}
 */
final class ChangeNotifier implements AutoCloseable {
  private static final long RETRY_MS = 1_000;
  /** Caps notifications at 200 a second: the wake-up's delay stays far below the 500 ms poll. */
  static final long MIN_INTERVAL_MS = 5;

  private final DataSource source;
  private final Object signal = new Object();
  private boolean pending; // guarded by signal
  private boolean stopped; // guarded by signal
  private Thread thread; // guarded by signal; started by the first change

  ChangeNotifier(DataSource source) {
    this.source = source;
  }

  /** Records that history was committed; the notification follows on the notifier's thread. */
  void changed() {
    synchronized (signal) {
      if (stopped) {
        return;
      }
      pending = true;
      if (thread == null) {
        thread = new Thread(this::loop, "agentstore-pg-notify");
        thread.setDaemon(true);
        thread.start();
      }
      signal.notifyAll();
    }
  }

  private void loop() {
    while (awaitChange()) {
      try {
        sendNotification();
        pause(MIN_INTERVAL_MS); // commits made meanwhile share the next notification
      } catch (SQLException | RuntimeException e) {
        // The server or pool is unavailable: keep the change pending and try again shortly.
        synchronized (signal) {
          pending = true;
        }
        pause(RETRY_MS);
      }
    }
  }

  private void sendNotification() throws SQLException {
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SELECT set_config('synchronous_commit', 'off', true), pg_notify('"
            + PostgresDialect.CHANGES_CHANNEL + "', '')");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Waits for a pending change and takes it; false once closed. */
  private boolean awaitChange() {
    synchronized (signal) {
      while (!pending && !stopped) {
        waitForSignal();
      }
      pending = false;
      return !stopped;
    }
  }

  private void waitForSignal() {
    try {
      signal.wait();
    } catch (InterruptedException e) {
      stopped = true; // only close() interrupts this thread
    }
  }

  /** Sleeps without holding the signal, so changes made meanwhile do not cut it short. */
  private void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      synchronized (signal) {
        stopped = true;
      }
    }
  }

  /** Stops the thread; changes not yet sent are left to the other processes' polls. */
  @Override
  public void close() {
    Thread t;
    synchronized (signal) {
      stopped = true;
      signal.notifyAll();
      t = thread;
    }
    if (t != null) {
      t.interrupt(); // cuts a pause short
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
