package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.RepositoryTck;

/** The repository suite of the TCK on PostgreSQL. */
class PostgresRepositoryTest extends RepositoryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
