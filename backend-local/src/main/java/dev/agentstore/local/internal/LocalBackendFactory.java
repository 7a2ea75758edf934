package dev.agentstore.local.internal;

import dev.agentstore.AgentStoreException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.UnavailableException;
import dev.agentstore.local.SqliteDialect;
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.ConnectionPool;
import dev.agentstore.sql.SqlBackend;
import dev.agentstore.sql.SqlBackendWiring;
import dev.agentstore.sql.SqlBackendWiring.MigrationLock;
import dev.agentstore.sql.SqlBackendWiring.Migrations;
import dev.agentstore.sql.SqlBackendWiring.PoolSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Builds a local backend: creates the data directory, migrates the database under a lock that
 * holds across threads and processes, and opens one writer connection (writers queue on it) and a
 * small pool of readers, all in WAL mode with foreign keys on and a busy timeout (for an observed
 * store an {@link ObservedBusyHandler} with the same timeout, and its pools watched).
 *
 * <p>Usage: {@code Backend b = LocalBackendFactory.open(dir, config);}
 */
public final class LocalBackendFactory {
  /** The database file inside the data directory. */
  public static final String DATABASE_FILE = "agentstore.db";
  /** The newest script in {@code db/migration/sqlite}; a test keeps the two in step. */
  public static final String LATEST_MIGRATION = "8";
  /**
   * Idle prepared statements each pooled connection keeps: more than the texts one kind's
   * reads and writes use, so a workload on a few kinds prepares each text once.
   */
  private static final int STATEMENTS_PER_CONNECTION = 128;
  private static final String LOCK_FILE = ".agentstore.lock";
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS =
      new ConcurrentHashMap<>();
  private static final Migrations MIGRATIONS = new Migrations(
      LocalBackendFactory.class.getClassLoader(), "classpath:db/migration/sqlite",
      LATEST_MIGRATION);

  private LocalBackendFactory() {}

  /** Opens (creating and migrating when needed) the store in {@code dir}. */
  public static Backend open(Path dir, BackendConfig config) {
    int busyTimeoutMs = config.intOption("busyTimeoutMs", 30_000);
    int readers = config.intOption("readPoolSize", 4);
    if (busyTimeoutMs < 0 || readers < 1) {
      throw new InvalidArgumentException("options: busyTimeoutMs must be >= 0 and readPoolSize"
          + " >= 1");
    }
    String synchronous = config.options().getOrDefault("synchronous", "FULL")
        .toUpperCase(Locale.ROOT);
    SQLiteConfig.SynchronousMode sync;
    try {
      sync = SQLiteConfig.SynchronousMode.valueOf(synchronous);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("option synchronous: expected OFF, NORMAL or FULL, got '"
          + synchronous + "'");
    }
    Path db = prepareDirectory(dir).resolve(DATABASE_FILE);
    StoreObserver observer = config.observer();
    SQLiteDataSource source = dataSource(db, busyTimeoutMs, sync, observer);
    String what = "the SQLite database " + db;
    // The first connection to a new file switches it to WAL, which needs an exclusive lock that
    // SQLite does not wait for (SQLITE_BUSY despite the busy timeout). So every open connects
    // and checks the schema under the store lock, not only an open that migrates.
    try (AutoCloseable held = lock(dir)) {
      SqlBackendWiring.migrate(source, what, MIGRATIONS, MigrationLock.ALREADY_HELD);
    } catch (AgentStoreException e) {
      throw e;
    } catch (Exception e) {
      throw new UnavailableException("cannot hold the lock of " + what + ": "
          + SqlBackendWiring.rootMessage(e), e);
    }
    long waitMs = Math.max(busyTimeoutMs, 250);
    // The pools' connections keep their prepared statements: SQLite plans each text once per
    // connection instead of once per call (migrations, run once, need no cache).
    DataSource pooled = new StatementCachingDataSource(source, STATEMENTS_PER_CONNECTION);
    ConnectionPool writer = SqlBackendWiring.pool(pooled,
        PoolSettings.fixed("agentstore-writer", 1, waitMs), what, observer);
    ConnectionPool reader;
    try {
      reader = SqlBackendWiring.pool(pooled,
          PoolSettings.fixed("agentstore-reader", readers, waitMs), what, observer);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
    Capabilities caps = new Capabilities(EnumSet.of(Capabilities.Feature.DATA_FILES,
        Capabilities.Feature.SHARED_OPEN));
    List<Path> files = List.of(db, db.resolveSibling(DATABASE_FILE + "-wal"));
    return new SqlBackend(new SqliteDialect(), reader, writer, caps, dir, files, () -> {
      reader.close();
      writer.close();
    });
  }

  private static Path prepareDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UnavailableException("cannot create data directory " + dir + ": " + e, e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UnavailableException("data directory " + dir + " is not a writable directory");
    }
    return dir;
  }

  private static SQLiteDataSource dataSource(Path db, int busyTimeoutMs,
      SQLiteConfig.SynchronousMode sync, StoreObserver observer) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.enforceForeignKeys(true);
    cfg.setBusyTimeout(busyTimeoutMs);
    cfg.setSynchronous(sync);
    SQLiteDataSource ds = new FunctionsDataSource(cfg, busyTimeoutMs, observer);
    ds.setUrl("jdbc:sqlite:" + db);
    return ds;
  }

  /**
   * A data source whose every connection has {@link SqliteFunctions} installed and, when the
   * store is observed, an {@link ObservedBusyHandler} in place of the plain busy timeout.
   */
  private static final class FunctionsDataSource extends SQLiteDataSource {
    private static final long serialVersionUID = 1L;
    private final int busyTimeoutMs;
    private final transient StoreObserver observer;

    FunctionsDataSource(SQLiteConfig cfg, int busyTimeoutMs, StoreObserver observer) {
      super(cfg);
      this.busyTimeoutMs = busyTimeoutMs;
      this.observer = observer;
    }

    @Override
    public SQLiteConnection getConnection(String user, String password) throws SQLException {
      SQLiteConnection c = super.getConnection(user, password);
      try {
        SqliteFunctions.install(c);
        if (observer != null) {
          BusyHandler.setHandler(c, new ObservedBusyHandler(busyTimeoutMs, observer));
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return c;
    }
  }

  /**
   * Takes the store's migration lock: a monitor for the threads of this JVM (file locks are held
   * per process) and a file lock for other processes. Closing releases both.
   */
  private static AutoCloseable lock(Path dir) throws IOException {
    Path key = dir.toAbsolutePath().normalize();
    ReentrantLock inJvm = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    inJvm.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileChannel held = channel;
      held.lock();
      return () -> {
        try {
          held.close(); // releases the file lock
        } finally {
          inJvm.unlock();
        }
      };
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      inJvm.unlock();
      throw e;
    }
  }
}
