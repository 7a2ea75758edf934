package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.QueryOperatorsTck;

/** The query operator suite of the TCK on SQLite. */
class LocalQueryOperatorsTest extends QueryOperatorsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
