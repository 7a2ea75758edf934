package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ObservabilityTck;

/** The observability suite of the TCK on PostgreSQL. */
class PostgresObservabilityTest extends ObservabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }

  @Override
  protected String dbSystem() {
    return "postgresql";
  }
}
