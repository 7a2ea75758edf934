package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.FuzzTck;

/** The fuzz run of the TCK on SQLite. */
class LocalFuzzTest extends FuzzTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
