package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ExecutionTck;

/** The execution suite of the TCK on SQLite. */
class LocalExecutionTest extends ExecutionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
