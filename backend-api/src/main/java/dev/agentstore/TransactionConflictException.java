package dev.agentstore;

/**
 * A write transaction conflicted with a concurrent one (on PostgreSQL, a serialization failure or
 * deadlock of its SERIALIZABLE transactions) and was rolled back; nothing of it was committed.
 * The store re-runs the whole transaction by itself, a bounded number of times
 * ({@link AgentStore.Builder#transactionRetries(int)}), so callers see this only when every
 * attempt conflicted. It is an {@link UnavailableException}: the call may be retried as is.
 *
 * <p>Usage: {@code catch (TransactionConflictException e) { int runs = e.attempts(); }}
 */
public class TransactionConflictException extends UnavailableException {
  private static final long serialVersionUID = 1L;
  private final int attempts;

  /** Creates the error for one conflicted run of a transaction. */
  public TransactionConflictException(String message, Throwable cause) {
    this(message, cause, 1);
  }

  /** Creates the error for a transaction that conflicted on each of its {@code attempts} runs. */
  public TransactionConflictException(String message, Throwable cause, int attempts) {
    super(message, cause);
    this.attempts = attempts;
  }

  /** How many times the transaction ran (and conflicted) before this error was raised. */
  public int attempts() {
    return attempts;
  }
}
