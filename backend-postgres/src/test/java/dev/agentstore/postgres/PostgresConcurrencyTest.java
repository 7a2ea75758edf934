package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ConcurrencyTck;

/** The concurrency suite of the TCK on PostgreSQL. */
class PostgresConcurrencyTest extends ConcurrencyTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
