package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ExpiryTck;

/** The expiry suite of the TCK (metadata.expiresAt, deleted by maintenance) on SQLite. */
class LocalExpiryTest extends ExpiryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
