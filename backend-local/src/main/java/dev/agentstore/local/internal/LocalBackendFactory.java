package dev.agentstore.local.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.UnavailableException;
import dev.agentstore.local.SqliteDialect;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.MigrationGate;
import dev.agentstore.sql.SqlBackend;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Builds a local backend: creates the data directory, migrates the database under a lock that
 * holds across threads and processes, and opens one writer connection (writers queue on it) and a
 * small pool of readers, all in WAL mode with foreign keys on and a busy timeout.
 *
 * <p>Usage: {@code Backend b = LocalBackendFactory.open(dir, config);}
 */
public final class LocalBackendFactory {
  /** The database file inside the data directory. */
  public static final String DATABASE_FILE = "agentstore.db";
  /** The newest script in {@code db/migration/sqlite}; a test keeps the two in step. */
  public static final String LATEST_MIGRATION = "1";
  private static final String LOCK_FILE = ".agentstore.lock";
  private static final ConcurrentHashMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

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
    SQLiteDataSource source = dataSource(db, busyTimeoutMs, sync);
    migrate(dir, source);
    HikariDataSource writer = pool(source, "agentstore-writer", 1, busyTimeoutMs);
    HikariDataSource reader;
    try {
      reader = pool(source, "agentstore-reader", readers, busyTimeoutMs);
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
      SQLiteConfig.SynchronousMode sync) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.enforceForeignKeys(true);
    cfg.setBusyTimeout(busyTimeoutMs);
    cfg.setSynchronous(sync);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl("jdbc:sqlite:" + db);
    return ds;
  }

  private static HikariDataSource pool(SQLiteDataSource source, String name, int size,
      int timeoutMs) {
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(source);
    hc.setPoolName(name);
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(Math.min(1, size));
    hc.setConnectionTimeout(Math.max(timeoutMs, 250));
    hc.setAutoCommit(true); // transactions are begun explicitly (BEGIN IMMEDIATE for writes)
    try {
      return new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot open the SQLite database: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the migrations while holding the store's lock, so concurrent opens migrate once; skips
   * Flyway entirely when the database already records the newest migration.
   */
  private static void migrate(Path dir, SQLiteDataSource source) {
    if (MigrationGate.isCurrent(source, LATEST_MIGRATION)) {
      return;
    }
    Path key = dir.toAbsolutePath().normalize();
    synchronized (JVM_LOCKS.computeIfAbsent(key, k -> new Object())) {
      try (FileChannel ch = FileChannel.open(key.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Flyway.configure(LocalBackendFactory.class.getClassLoader())
            .dataSource(source)
            .locations("classpath:db/migration/sqlite")
            .failOnMissingLocations(true)
            .load()
            .migrate();
      } catch (IOException e) {
        throw new UnavailableException("cannot lock " + key.resolve(LOCK_FILE) + ": " + e, e);
      } catch (FlywayException e) {
        throw new UnavailableException("migrating " + key.resolve(DATABASE_FILE) + " failed: "
            + e.getMessage(), e);
      }
    }
  }
}
