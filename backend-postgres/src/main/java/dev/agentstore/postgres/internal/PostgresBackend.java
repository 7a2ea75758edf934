package dev.agentstore.postgres.internal;

import dev.agentstore.postgres.PostgresDialect;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.SqlBackend;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The SQL backend plus PostgreSQL's cross-process wake-up: commits that wrote history are
 * announced by a {@link ChangeNotifier}, and the first change subscription starts a
 * {@link ChangeNotificationListener}, so commits made by other processes reach subscribers
 * without waiting for their poll.
 *
 * <p>Usage: {@code new PostgresBackend(pool, caps, jdbcUrl, props, pool::close)}
 */
final class PostgresBackend extends SqlBackend {
  private final String jdbcUrl;
  private final Properties props;
  private final ChangeNotifier notifier;
  private ChangeNotificationListener listener;

  PostgresBackend(DataSource pool, Capabilities caps, String jdbcUrl, Properties props,
      AutoCloseable closePool) {
    super(new PostgresDialect(), pool, pool, caps, null, List.of(), closePool);
    this.jdbcUrl = jdbcUrl;
    this.props = props;
    this.notifier = new ChangeNotifier(pool);
  }

  @Override
  protected void committedHistory() {
    super.committedHistory();
    notifier.changed();
  }

  @Override
  public synchronized void onCommittedChanges(Runnable callback) {
    super.onCommittedChanges(callback);
    if (listener == null) {
      listener = new ChangeNotificationListener(jdbcUrl, props, this::fireCommittedChanges);
      listener.start();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (listener != null) {
        listener.close();
        listener = null;
      }
    }
    notifier.close(); // before the pool closes under it
    super.close();
  }
}
