package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ExecutionTck;

/** The execution suite of the TCK on PostgreSQL. */
class PostgresExecutionTest extends ExecutionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
