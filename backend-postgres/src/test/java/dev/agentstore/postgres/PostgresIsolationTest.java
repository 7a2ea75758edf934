package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.IsolationTck;

/** The isolation suite of the TCK on PostgreSQL. */
class PostgresIsolationTest extends IsolationTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
