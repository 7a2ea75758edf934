package dev.agentstore.internal;

import dev.agentstore.FailedPreconditionException;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendTransaction;

/**
 * Runs repository work in a backend transaction: a new one per call for the store itself, or the
 * caller's open one inside {@code inTransaction}.
 *
 * <p>Usage: {@code runner.write(tx -> tx.insert(row))}
 */
interface TxRunner {

  /** Runs read-only work. */
  <T> T read(Backend.Work<T> work);

  /** Runs work that writes. */
  <T> T write(Backend.Work<T> work);

  /** Whether each call gets its own transaction (so a lost race may be retried). */
  boolean ownsTransactions();

  /** One transaction per call. */
  static TxRunner perCall(Backend backend) {
    return new TxRunner() {
      @Override
      public <T> T read(Backend.Work<T> work) {
        return backend.read(work);
      }

      @Override
      public <T> T write(Backend.Work<T> work) {
        return backend.write(work);
      }

      @Override
      public boolean ownsTransactions() {
        return true;
      }
    };
  }

  /** Every call joins {@code tx}; refuses work once the transaction has ended. */
  final class Bound implements TxRunner {
    private final BackendTransaction tx;
    private final Thread owner = Thread.currentThread();
    private volatile boolean ended;

    Bound(BackendTransaction tx) {
      this.tx = tx;
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
      return work.run(tx());
    }

    @Override
    public boolean ownsTransactions() {
      return false;
    }
  }
}
