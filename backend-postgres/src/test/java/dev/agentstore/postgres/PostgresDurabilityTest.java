package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DurabilityTck;

/** The durability suite of the TCK on PostgreSQL. */
class PostgresDurabilityTest extends DurabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
