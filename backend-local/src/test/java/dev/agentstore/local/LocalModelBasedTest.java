package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ModelBasedTck;

/** The model-based, differential suite of the TCK on SQLite. */
class LocalModelBasedTest extends ModelBasedTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
