package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ItemQueryTck;

/** The item-query suite of the TCK (items across executions) on SQLite. */
class LocalItemQueryTest extends ItemQueryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
