package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.PortabilityTck;

/** The portability suite of the TCK on PostgreSQL. */
class PostgresPortabilityTest extends PortabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
