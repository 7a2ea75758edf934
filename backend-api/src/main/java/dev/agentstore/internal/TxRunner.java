package dev.agentstore.internal;

import dev.agentstore.FailedPreconditionException;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendTransaction;

/**
 * Runs repository work in a backend transaction: a new one per call for the store itself, or the
 * caller's open one inside {@code inTransaction} / {@code readTransaction}.
 *
 * <p>Usage: {@code runner.write(tx -> tx.insert(row))}
 */
interface TxRunner {

  /** Runs read-only work. */
  <T> T read(Backend.Work<T> work);

  /** Runs read-only work of exactly one statement (see {@link Backend#readOneStatement}). */
  default <T> T readOneStatement(Backend.Work<T> work) {
    return read(work);
  }

  /** Runs work that writes. */
  <T> T write(Backend.Work<T> work);

  /** Runs a caller's {@code inTransaction} work (serializable; see {@link Backend#transaction}). */
  <T> T transaction(Backend.Work<T> work);

  /** Whether each call gets its own transaction (so a lost race may be retried). */
  boolean ownsTransactions();

  /**
   * One transaction per call. {@code open} holds, per thread, the transaction this store has
   * open: a call made beside it through the outer store is refused at once, because it would
   * not see the transaction's writes, and on SQLite it would wait for the writer lock the
   * transaction itself holds until the busy timeout.
   */
  static TxRunner perCall(Backend backend, ThreadLocal<Bound> open) {
    return new TxRunner() {
      @Override
      public <T> T read(Backend.Work<T> work) {
        refuseInsideTransaction(open);
        return backend.read(work);
      }

      @Override
      public <T> T readOneStatement(Backend.Work<T> work) {
        refuseInsideTransaction(open);
        return backend.readOneStatement(work);
      }

      @Override
      public <T> T write(Backend.Work<T> work) {
        refuseInsideTransaction(open);
        return backend.write(work);
      }

      @Override
      public <T> T transaction(Backend.Work<T> work) {
        refuseInsideTransaction(open);
        return backend.transaction(work);
      }

      @Override
      public boolean ownsTransactions() {
        return true;
      }
    };
  }

  private static void refuseInsideTransaction(ThreadLocal<Bound> open) {
    if (open.get() != null) {
      throw new FailedPreconditionException("a transaction of this store is open on this thread:"
          + " use the transaction's store `tx`, not the outer store, inside inTransaction"
          + " (store.inTransaction(tx -> tx.agents().create(a)))");
    }
  }

  /**
   * Every call joins {@code tx}; refuses work once the transaction has ended, from another
   * thread, and writes when the transaction is read-only.
   */
  final class Bound implements TxRunner {
    private final BackendTransaction tx;
    private final boolean readOnly;
    private final Thread owner = Thread.currentThread();
    private volatile boolean ended;

    Bound(BackendTransaction tx, boolean readOnly) {
      this.tx = tx;
      this.readOnly = readOnly;
    }

    void end() {
      ended = true;
    }

    private BackendTransaction tx() {
      if (ended) {
        throw new FailedPreconditionException("this transaction has ended; use the store that"
            + " opened it");
      }
      if (Thread.currentThread() != owner) {
        throw new FailedPreconditionException("a transaction is used by the thread that opened it"
            + " only");
      }
      return tx;
    }

    @Override
    public <T> T read(Backend.Work<T> work) {
      return work.run(tx());
    }

    @Override
    public <T> T write(Backend.Work<T> work) {
      BackendTransaction open = tx();
      if (readOnly) {
        throw new FailedPreconditionException("this is a read-only transaction (readTransaction);"
            + " write in store.inTransaction(tx -> ...) instead");
      }
      return work.run(open);
    }

    @Override
    public <T> T transaction(Backend.Work<T> work) {
      return write(work);
    }

    @Override
    public boolean ownsTransactions() {
      return false;
    }
  }
}
