package dev.agentstore;

/**
 * Work run in a transaction that returns a value and may throw {@code X}, a checked exception,
 * which rolls the transaction back and reaches the caller unchanged.
 *
 * <p>Usage: {@code Agent a = store.inTransaction(tx -> tx.agents().create(agent));}
 *
 * @param <T> what the work returns
 * @param <X> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface TransactionCallback<T, X extends Exception> {

  /** Does the work through {@code tx}, the transaction's store (never the outer one). */
  T run(AgentStore tx) throws X;
}
