package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DurabilityTck;

/** The durability suite of the TCK on SQLite. */
class LocalDurabilityTest extends DurabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
