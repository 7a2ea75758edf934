package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ModelBasedTck;

/** The model-based, differential suite of the TCK on PostgreSQL. */
class PostgresModelBasedTest extends ModelBasedTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
