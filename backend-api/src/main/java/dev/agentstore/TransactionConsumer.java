package dev.agentstore;

/**
 * Work run in a transaction that returns nothing and may throw {@code X}, a checked exception,
 * which rolls the transaction back and reaches the caller unchanged.
 *
 * <p>Usage: {@code store.runInTransaction(tx -> { tx.agents().delete(a); tx.skills().delete(s); });}
 *
 * @param <X> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface TransactionConsumer<X extends Exception> {

  /** Does the work through {@code tx}, the transaction's store (never the outer one). */
  void accept(AgentStore tx) throws X;
}
