package dev.agentstore.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An open storage backend: transactions over its database, plus what it offers by default.
 * Implementations are made by a {@link BackendProvider} and must be safe for use from many
 * threads; each transaction is used by one thread.
 *
 * <p>Usage: {@code StoredResource row = backend.read(tx -> tx.find(Kind.AGENT, id)).orElse(null);}
 */
public interface Backend extends AutoCloseable {

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    /** Does the work; an exception rolls the transaction back. */
    T run(BackendTransaction tx);
  }

  /** The optional features this backend has. */
  Capabilities capabilities();

  /** Runs read-only work on a consistent snapshot. */
  <T> T read(Work<T> work);

  /**
   * Runs read-only work that issues exactly one statement (a get by id: the row with its items
   * in one query, {@link BackendTransaction#findWithItems}). One statement sees one consistent
   * snapshot by itself, so a backend may run it outside a transaction of its own and spare the
   * round trips that begin and end one. Work that needs more than one statement must use
   * {@link #read}; a backend may refuse a second statement (the SQL backends fail the call,
   * caused by an {@link IllegalStateException}). The default is {@link #read}.
   */
  default <T> T readOneStatement(Work<T> work) {
    return read(work);
  }

  /**
   * Runs work in a write transaction; commits when it returns, rolls back when it throws.
   * The store's single writes lock the rows they read, so this may run at READ COMMITTED where
   * writers run concurrently. A transaction that loses a deadlock or serialization conflict is
   * rolled back and this raises {@link dev.agentstore.TransactionConflictException}, whatever
   * {@code work} made of the failed statement; the store then runs {@code work} again, so it
   * must be repeatable.
   */
  <T> T write(Work<T> work);

  /**
   * Runs a caller's transaction ({@code store.inTransaction}), whose work may read, decide and
   * write anything: like {@link #write}, but serializable against every concurrent write even
   * where single writes are not run that way (PostgreSQL runs it SERIALIZABLE, single writes
   * READ COMMITTED with row locks). It too may raise
   * {@link dev.agentstore.TransactionConflictException}. The default is {@link #write}, right for
   * a backend whose writers queue.
   */
  default <T> T transaction(Work<T> work) {
    return write(work);
  }

  /** The directory holding this backend's files, if it has one (the local default data dir). */
  default Optional<Path> dataDirectory() {
    return Optional.empty();
  }

  /** The files holding the data at rest (for {@link Capabilities.Feature#DATA_FILES}). */
  default List<Path> dataFiles() {
    return List.of();
  }

  /**
   * The schema migrations applied to this backend's database, oldest first (empty for a backend
   * without a migration history).
   */
  default List<dev.agentstore.SchemaMigration> schemaMigrations() {
    return List.of();
  }

  /**
   * Registers a callback run after a transaction that wrote history commits: every such commit of
   * this backend, and, when the backend declares {@link Capabilities.Feature#CROSS_PROCESS_NOTIFY},
   * commits of other processes too (e.g. PostgreSQL LISTEN/NOTIFY). It may run on the committing
   * thread, so it must be quick and must not throw; spurious calls are harmless. Subscribers poll
   * as a fallback, so a backend without notifications stays correct, only slower to deliver.
   */
  default void onCommittedChanges(Runnable listener) {}

  /**
   * Applies the application kinds declared on this open and returns every kind the store holds a
   * definition of (those declared now or by any earlier open, in first-declared order). A new or
   * changed definition is one schema change, recorded with a new definition version, applied in
   * one transaction that concurrent openers wait for: its tables, key columns, unique keys,
   * checks, references and indexes. A change the stored data breaks is refused with a
   * {@code FailedPreconditionException} naming the offending ids, changing nothing. A definition
   * identical to the stored one changes nothing. {@code now} is the store's clock, written as the
   * time of a change. The default supports no declared kinds.
   */
  default List<dev.agentstore.KindDefinition> declareKinds(
      List<dev.agentstore.KindDefinition> declared, java.time.Instant now) {
    if (!declared.isEmpty()) {
      throw new dev.agentstore.FailedPreconditionException("this backend does not support"
          + " application-defined kinds");
    }
    return List.of();
  }

  /**
   * Every application kind the store holds a definition of now, declared by this process or any
   * other, in first-declared order; reads only. The default supports no declared kinds.
   */
  default List<dev.agentstore.KindDefinition> storedKinds() {
    return List.of();
  }

  /** Releases connections and files. */
  @Override
  void close();
}
