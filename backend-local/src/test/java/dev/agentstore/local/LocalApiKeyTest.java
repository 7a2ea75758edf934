package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ApiKeyTck;

/** The API key suite of the TCK on SQLite. */
class LocalApiKeyTest extends ApiKeyTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
