package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ObservabilityTck;

/** The observability suite of the TCK on SQLite. */
class LocalObservabilityTest extends ObservabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }

  @Override
  protected String dbSystem() {
    return "sqlite";
  }
}
