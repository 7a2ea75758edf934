package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ConcurrencyTck;

/** The concurrency suite of the TCK on SQLite. */
class LocalConcurrencyTest extends ConcurrencyTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
