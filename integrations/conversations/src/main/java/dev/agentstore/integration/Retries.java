package dev.agentstore.integration;

import dev.agentstore.AlreadyExistsException;
import dev.agentstore.TransactionConflictException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one retry loop of the framework integrations: re-runs a unit of work that lost a race the
 * store does not retry on its own (two writers creating the same conversation at once, or more
 * writers than the store's own {@code transactionRetries} and {@code editRetries} absorbed),
 * after a short jittered pause that grows with the attempts. The work must be safe to re-run:
 * a whole transaction, or an edit that re-reads what it changes.
 *
 * <p>Usage: {@code Session s = Retries.onRaces(() -> store.inTransaction(tx -> conversations.open(tx, org, key).session()));}
 */
public final class Retries {
  /** How many attempts {@link #onRaces} makes before it lets the failure through. */
  public static final int DEFAULT_ATTEMPTS = 50;

  private Retries() {}

  /**
   * {@code work}, re-run after a serialization conflict ({@link TransactionConflictException},
   * PostgreSQL) or a concurrent create of the same resource ({@link AlreadyExistsException}: the
   * re-run finds it), at most {@link #DEFAULT_ATTEMPTS} times.
   */
  public static <T> T onRaces(Supplier<T> work) {
    return retrying(DEFAULT_ATTEMPTS, Retries::isRace, work);
  }

  /** Whether {@code e} is a race {@link #onRaces} re-runs. */
  public static boolean isRace(RuntimeException e) {
    return e instanceof TransactionConflictException || e instanceof AlreadyExistsException;
  }

  /**
   * {@code work}, re-run while it fails with an exception {@code retryable} accepts, at most
   * {@code attempts} times in all; the last failure (or any other) propagates as it is. An
   * interrupt during a pause ends the retries: the failure propagates with the thread's
   * interrupt status set.
   */
  public static <T> T retrying(int attempts, Predicate<RuntimeException> retryable,
      Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (attempt >= attempts || !retryable.test(e)) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + 10L * Math.min(attempt, 10)));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
