package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ValidationTck;

/** The validation suite of the TCK on SQLite. */
class LocalValidationTest extends ValidationTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
