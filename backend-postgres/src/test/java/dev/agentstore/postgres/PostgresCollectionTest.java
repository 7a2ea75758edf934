package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.CollectionTck;

/** The declared collections suite of the TCK on PostgreSQL. */
class PostgresCollectionTest extends CollectionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
