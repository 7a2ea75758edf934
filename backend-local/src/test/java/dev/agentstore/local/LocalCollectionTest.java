package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.CollectionTck;

/** The declared collections suite of the TCK on SQLite. */
class LocalCollectionTest extends CollectionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
