package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.TransactionTck;

/** The transaction suite of the TCK on SQLite. */
class LocalTransactionTest extends TransactionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
