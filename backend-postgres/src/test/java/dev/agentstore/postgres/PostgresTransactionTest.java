package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.TransactionTck;

/** The transaction suite of the TCK on PostgreSQL. */
class PostgresTransactionTest extends TransactionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
