package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.PortabilityTck;

/** The portability suite of the TCK on SQLite. */
class LocalPortabilityTest extends PortabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
