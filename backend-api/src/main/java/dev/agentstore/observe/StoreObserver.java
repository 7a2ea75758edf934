package dev.agentstore.observe;

import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.UnavailableException;
import java.util.List;

/**
 * Watches a store's operations: every public repository call (and {@code inTransaction} /
 * {@code readTransaction}) is reported once, at the one place the store hands out its
 * repositories, with its kind ({@code Agent}, {@code Session}, ..., {@code Store} for
 * transactions, {@code History} for history and the change feed), its operation (the method
 * name) and its outcome. A store opened without an observer wraps nothing and pays nothing.
 *
 * <p>{@link MicrometerObserver} and {@link OpenTelemetryObserver} are the two shipped ones; each
 * needs its library on the class path (both are optional dependencies of agentstore).
 *
 * <p>Usage: {@code AgentStore.builder().observer(new MicrometerObserver(registry)).open()}
 */
public interface StoreObserver {

  /** The outcome tag of a call that returned normally. */
  String SUCCESS = "success";

  /**
   * Called when an operation starts; the returned handle is ended once, when it returns or
   * throws.
   *
   * @param kind the resource kind name ({@code Agent}), {@code Store} or {@code History}
   * @param op the operation (the repository method name, e.g. {@code create})
   */
  Operation start(String kind, String op);

  /**
   * Called when the store re-runs work after losing a race: {@code what} is {@code transaction}
   * (a PostgreSQL serialization failure or deadlock, the whole transaction re-run) or
   * {@code edit} ({@code repository.edit} re-reading after a version conflict).
   */
  default void retried(String what) {}

  /**
   * Called on the waiting thread each time a SQLite connection found the database locked by
   * another connection (another store on the same file, or another process) and slept before
   * trying again: {@code attempt} is 0 for the first sleep of a wait, 1 for the second, ...;
   * {@code sleptNanos} is how long this sleep lasted. A wait ends when the statement gets the
   * lock or, after the store's {@code busyTimeoutMs}, with {@link #busyTimedOut}. Stores without
   * an observer keep SQLite's own busy timeout and report nothing.
   */
  default void busyWaited(int attempt, long sleptNanos) {}

  /**
   * Called when a SQLite connection gave up waiting for a lock after {@code waitedNanos} (its
   * busy timeout); the call then fails with {@code UnavailableException}.
   */
  default void busyTimedOut(long waitedNanos) {}

  /**
   * Called once for each connection pool a store opens ({@code pool} is its name, e.g.
   * {@code agentstore-postgres}, {@code agentstore-writer}, {@code agentstore-reader}); the
   * returned action is run when the pool closes. {@code usage} reads the pool live.
   */
  default Runnable watchPool(String pool, PoolUsage usage) {
    return () -> { };
  }

  /**
   * What a connection pool holds at this moment (read live, cheap enough for a gauge).
   *
   * <p>Usage: {@code Runnable unwatch = observer.watchPool("agentstore-postgres", usage);}
   */
  interface PoolUsage {
    /** Connections lent out. */
    int active();

    /** Open connections waiting to be lent. */
    int idle();

    /** Threads waiting for a connection. */
    int pending();

    /** The most connections the pool opens. */
    int max();
  }

  /**
   * The observer for a store on {@code dbSystem} ({@code sqlite} or {@code postgresql}), called
   * once when the store opens; observers that tag the database system return a copy, the rest
   * themselves.
   */
  default StoreObserver forDatabase(String dbSystem) {
    return this;
  }

  /** One observed call in flight. */
  interface Operation {
    /** Ends the call: {@code failure} is null when it returned normally. */
    void end(Throwable failure);
  }

  /**
   * The outcome tag of a call: {@link #SUCCESS}, or the error's category: {@code conflict}
   * (a {@link ConflictException}, also of a transaction), {@code not_found},
   * {@code already_exists}, {@code invalid_argument}, {@code failed_precondition},
   * {@code permission_denied}, {@code unavailable} (e.g. SQLite still busy after its busy
   * timeout) or {@code error}.
   *
   * <p>Usage: {@code String outcome = StoreObserver.outcome(e);}
   */
  static String outcome(Throwable failure) {
    if (failure == null) {
      return SUCCESS;
    }
    if (failure instanceof ConflictException || failure instanceof TransactionConflictException) {
      return "conflict";
    }
    if (failure instanceof NotFoundException) {
      return "not_found";
    }
    if (failure instanceof AlreadyExistsException) {
      return "already_exists";
    }
    if (failure instanceof InvalidArgumentException) {
      return "invalid_argument";
    }
    if (failure instanceof FailedPreconditionException) {
      return "failed_precondition";
    }
    if (failure instanceof PermissionDeniedException) {
      return "permission_denied";
    }
    if (failure instanceof UnavailableException) {
      return "unavailable";
    }
    return "error";
  }

  /**
   * Reports to every one of {@code observers}, in order (metrics and traces together).
   *
   * <p>Usage: {@code StoreObserver.all(new MicrometerObserver(registry), new OpenTelemetryObserver(otel))}
   */
  static StoreObserver all(StoreObserver... observers) {
    List<StoreObserver> list = List.of(observers);
    return new StoreObserver() {
      @Override
      public Operation start(String kind, String op) {
        Operation[] started = new Operation[list.size()];
        for (int i = 0; i < started.length; i++) {
          started[i] = list.get(i).start(kind, op);
        }
        return failure -> {
          for (int i = started.length - 1; i >= 0; i--) {
            started[i].end(failure);
          }
        };
      }

      @Override
      public StoreObserver forDatabase(String dbSystem) {
        return all(list.stream().map(o -> o.forDatabase(dbSystem)).toArray(StoreObserver[]::new));
      }

      @Override
      public void retried(String what) {
        list.forEach(o -> o.retried(what));
      }

      @Override
      public void busyWaited(int attempt, long sleptNanos) {
        list.forEach(o -> o.busyWaited(attempt, sleptNanos));
      }

      @Override
      public void busyTimedOut(long waitedNanos) {
        list.forEach(o -> o.busyTimedOut(waitedNanos));
      }

      @Override
      public Runnable watchPool(String pool, PoolUsage usage) {
        List<Runnable> unwatch = list.stream().map(o -> o.watchPool(pool, usage)).toList();
        return () -> unwatch.forEach(Runnable::run);
      }
    };
  }
}
