package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.IsolationTck;

/** The isolation suite of the TCK on SQLite. */
class LocalIsolationTest extends IsolationTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
