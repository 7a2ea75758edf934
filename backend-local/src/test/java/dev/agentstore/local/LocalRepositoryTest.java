package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.RepositoryTck;

/** The repository suite of the TCK on SQLite. */
class LocalRepositoryTest extends RepositoryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
