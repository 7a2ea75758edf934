package dev.agentstore.sql;

import dev.agentstore.AgentStoreException;
import dev.agentstore.SchemaMigration;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.internal.SqlErrors;
import dev.agentstore.sql.internal.SqlSchema;
import dev.agentstore.sql.internal.SqlTransaction;
import dev.agentstore.sql.internal.StatementCache;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The SQL backend: transactions over connection pools, running the one shared implementation of
 * the storage operations with a {@link DialectStrategy}. Database modules build it after running
 * their migrations.
 *
 * <p>Usage: {@code Backend b = new SqlBackend(dialect, readPool, writePool, capabilities, dir, List.of(), pools);}
 */
public class SqlBackend implements Backend {
  static {
    // Before any query: jOOQ's banner, tips and version line must not reach the host's logs.
    QuietLibraries.apply();
  }

  private final DialectStrategy dialect;
  private final DataSource readSource;
  private final DataSource writeSource;
  private final Capabilities capabilities;
  private final Path dataDirectory;
  private final List<Path> dataFiles;
  private final AutoCloseable onClose;
  private final SqlSchema schema;
  /** Rendered texts of the hot statements, shared by this backend's transactions. */
  private final StatementCache statements = new StatementCache();
  private final SqlErrors errors;
  private final Settings settings;
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  /** Write transactions in arrival order, for a single-writer database; else null. */
  private final Semaphore writeGate;
  private final long writeGateTimeoutMs;
  private volatile boolean closed;

  /**
   * A backend over the given pools (they may be the same pool).
   *
   * @param dialect what differs for this database
   * @param readSource connections for read-only transactions
   * @param writeSource connections for write transactions
   * @param capabilities the optional features this backend has
   * @param dataDirectory the directory of the store's files, or null
   * @param dataFiles the files holding the data at rest (may be empty)
   * @param onClose releases the pools
   */
  public SqlBackend(DialectStrategy dialect, DataSource readSource, DataSource writeSource,
      Capabilities capabilities, Path dataDirectory, List<Path> dataFiles, AutoCloseable onClose) {
    this.dialect = dialect;
    this.readSource = readSource;
    this.writeSource = writeSource;
    this.capabilities = capabilities;
    this.dataDirectory = dataDirectory;
    this.dataFiles = List.copyOf(dataFiles);
    this.onClose = onClose;
    this.schema = new SqlSchema(dialect.schema());
    this.errors = new SqlErrors(dialect);
    this.writeGate = dialect.singleWriter() ? new Semaphore(1, true) : null;
    this.writeGateTimeoutMs = writeSource instanceof ConnectionPool p ? p.connectionTimeoutMs()
        : 30_000;
    this.settings = jooqSettings(dialect);
    computePendingKeys();
  }

  /**
   * The jOOQ settings every statement of a backend over {@code dialect} is rendered with (the
   * SQL backends' tests render with them too).
   */
  public static Settings jooqSettings(DialectStrategy dialect) {
    // Table names are generated in lower case; never quote-and-uppercase them. Times are bound
    // as timestamps, not as text: jOOQ's default binds an OffsetDateTime (an Instant) as a
    // string cast in SQL, a stable cast that PostgreSQL then evaluates on every row a
    // sequential scan filters (+40% on an aggregate over 200k executions, REPORT.md).
    return new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
        .withRenderSchema(false).withExecuteLogging(false).withBindOffsetDateTimeType(true)
        // jOOQ inlines every value of a statement past its own per-dialect bind limit (999 for
        // SQLite); the texts bound by DirectJdbc need their placeholders up to the dialect's.
        .withInlineThreshold(dialect.maxBindValues());
  }

  /**
   * Computes the indexed-field keys of rows written before the schema had them (migration 3
   * leaves them at keys_version 0), in batches, each its own write transaction; found through a
   * partial index, so once every row is done an open costs one empty index probe per kind, all
   * in one read transaction: an open takes no write turn (nor, on SQLite, waits for another
   * process's writer) unless there are keys to compute. Two processes opening at once both may
   * do a batch; the result is the same.
   */
  private void computePendingKeys() {
    List<dev.agentstore.Kind> pending = read(tx -> {
      List<dev.agentstore.Kind> kinds = new ArrayList<>();
      for (dev.agentstore.Kind kind : dev.agentstore.Kind.values()) {
        if (!dev.agentstore.spi.IndexedField.of(kind).isEmpty()
            && ((SqlTransaction) tx).hasPendingKeys(kind)) {
          kinds.add(kind);
        }
      }
      return kinds;
    });
    for (dev.agentstore.Kind kind : pending) {
      while (write(tx -> ((SqlTransaction) tx).computePendingKeys(kind, 500)) > 0) {
        // next batch
      }
    }
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /** How a unit of work meets its connection. */
  private enum Mode {
    READ, WRITE, SERIALIZABLE,
    /** One read statement in autocommit: no BEGIN, no COMMIT. */
    ONE_STATEMENT
  }

  @Override
  public <T> T read(Work<T> work) {
    return inTransaction(readSource, Mode.READ, work);
  }

  /**
   * One statement in the connection's autocommit mode, which gives it a snapshot of its own:
   * a get costs one round trip instead of three (BEGIN, SELECT, COMMIT). A second statement is
   * refused (the call fails, caused by an {@link IllegalStateException}): it would not see the
   * first one's snapshot.
   */
  @Override
  public <T> T readOneStatement(Work<T> work) {
    return inTransaction(readSource, Mode.ONE_STATEMENT, work);
  }

  @Override
  public <T> T write(Work<T> work) {
    return inTransaction(writeSource, Mode.WRITE, work);
  }

  /** A caller's transaction: begun by {@link DialectStrategy#beginSerializable}. */
  @Override
  public <T> T transaction(Work<T> work) {
    return inTransaction(writeSource, Mode.SERIALIZABLE, work);
  }

  private <T> T inTransaction(DataSource source, Mode mode, Work<T> work) {
    if (closed) {
      throw new AgentStoreException("the store is closed");
    }
    try {
      return inTransactionOnce(source, mode, work);
    } catch (RuntimeException e) {
      SQLException sql = SqlErrors.sqlCause(e);
      if (sql != null && dialect.connectionLost(sql) && source instanceof ConnectionPool pool) {
        // Hikari drops the dead connection; without this the next calls would each draw one
        // of its dead siblings, which it does not test when they were used moments ago.
        pool.evictIdle();
      }
      throw e;
    }
  }

  private <T> T inTransactionOnce(DataSource source, Mode mode, Work<T> work) {
    boolean write = mode == Mode.WRITE || mode == Mode.SERIALIZABLE;
    boolean gated = write && writeGate != null;
    if (gated) {
      enterWriteGate();
    }
    SqlTransaction tx;
    T result;
    try (Connection pooled = source.getConnection()) {
      Connection c = pooled;
      switch (mode) {
        case SERIALIZABLE -> dialect.beginSerializable(c);
        case ONE_STATEMENT -> c = OneStatementConnection.wrap(pooled);
        default -> dialect.begin(c, write);
      }
      DSLContext ctx = DSL.using(c, dialect.dialect(), settings);
      tx = new SqlTransaction(ctx, schema, dialect, errors, statements, !write);
      try {
        result = work.run(tx);
        if (tx.failed()) {
          // The caller caught a storage error and carried on: never commit half a transaction.
          throw SqlTransaction.abandoned("commit");
        }
        tx.flushHistory(); // last, so its ordering lock is held only until the commit below
      } catch (RuntimeException | Error e) {
        if (mode != Mode.ONE_STATEMENT) {
          rollbackQuietly(c, e);
        }
        TransactionConflictException conflict = tx.conflict();
        if (conflict != null && conflict != e) {
          // Whatever the work made of it, the transaction lost to a concurrent one: report that,
          // so the store runs it again.
          conflict.addSuppressed(e);
          throw conflict;
        }
        throw e;
      }
      try {
        if (mode != Mode.ONE_STATEMENT) {
          dialect.commit(c);
        }
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        throw errors.translate(e, "commit");
      }
    } catch (SQLException e) {
      throw errors.translate(e, write ? "write transaction" : "read transaction");
    } finally {
      if (gated) {
        writeGate.release();
      }
    }
    if (tx.wroteHistory()) {
      committedHistory();
    }
    return result;
  }

  /**
   * Called after each local commit that wrote history: wakes this process's subscriptions. A
   * database module that tells other processes too (PostgreSQL {@code NOTIFY}) adds that here,
   * outside the committed transaction.
   */
  protected void committedHistory() {
    fireCommittedChanges();
  }

  /**
   * Waits for this backend's write turn, in arrival order (a fair semaphore's timed acquire
   * never barges), as long as the write pool would wait for its connection.
   */
  private void enterWriteGate() {
    boolean entered;
    try {
      entered = writeGate.tryAcquire(writeGateTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.translate(new SQLTransientConnectionException("interrupted while waiting for"
          + " the write turn", null, e), "write transaction");
    }
    if (!entered) {
      throw errors.translate(new SQLTransientConnectionException("no write turn after "
          + writeGateTimeoutMs + " ms: another write transaction held it throughout"),
          "write transaction");
    }
  }

  /**
   * Runs the {@link #onCommittedChanges} callbacks. The backend calls it after each local commit
   * that wrote history; a database module with cross-process notifications (PostgreSQL
   * {@code LISTEN}) calls it when another process reports a commit.
   */
  public void fireCommittedChanges() {
    for (Runnable l : commitListeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        // A wake-up callback must not turn a committed write into a failed call.
      }
    }
  }

  private void rollbackQuietly(Connection c, Throwable cause) {
    try {
      dialect.rollback(c);
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Optional<Path> dataDirectory() {
    return Optional.ofNullable(dataDirectory);
  }

  @Override
  public List<Path> dataFiles() {
    return dataFiles;
  }

  /**
   * Reads Flyway's history table directly (Flyway itself is not loaded). The time is cut to
   * seconds, {@code yyyy-MM-dd HH:mm:ss}, so SQLite's text and PostgreSQL's timestamp read alike.
   */
  @Override
  public List<SchemaMigration> schemaMigrations() {
    if (closed) {
      throw new AgentStoreException("the store is closed");
    }
    List<SchemaMigration> out = new ArrayList<>();
    try (Connection c = readSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select installed_rank, version, description, installed_on,"
            + " success from " + MigrationGate.HISTORY_TABLE + " order by installed_rank")) {
      while (rs.next()) {
        String installed = rs.getString(4);
        if (installed != null && installed.length() > 19) {
          installed = installed.substring(0, 19);
        }
        out.add(new SchemaMigration(rs.getInt(1), rs.getString(2), rs.getString(3), installed,
            rs.getBoolean(5)));
      }
    } catch (SQLException e) {
      throw new AgentStoreException("cannot read the migration history: "
          + SqlBackendWiring.rootMessage(e), e);
    }
    return List.copyOf(out);
  }

  /**
   * Applies the declared kinds in one write transaction (see {@link Backend#declareKinds}), then
   * serves every kind the store holds. A store whose definitions are all stored and unchanged
   * only reads them.
   */
  @Override
  public List<dev.agentstore.KindDefinition> declareKinds(
      List<dev.agentstore.KindDefinition> declared, java.time.Instant now) {
    java.time.Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    List<dev.agentstore.KindDefinition> stored = storedKinds();
    boolean unchanged = declared.stream().allMatch(stored::contains);
    List<dev.agentstore.KindDefinition> all = unchanged ? stored
        : write(tx -> ((SqlTransaction) tx).declareKinds(declared, at));
    all.forEach(schema::declare);
    return all;
  }

  @Override
  public List<dev.agentstore.KindDefinition> storedKinds() {
    return read(tx -> ((SqlTransaction) tx).storedKinds());
  }

  @Override
  public void onCommittedChanges(Runnable listener) {
    commitListeners.add(listener);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      onClose.close();
    } catch (Exception e) {
      throw new AgentStoreException("closing the store failed: " + e.getMessage(), e);
    }
  }
}
