package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.QueryTck;

/** The query suite of the TCK on SQLite. */
class LocalQueryTest extends QueryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
