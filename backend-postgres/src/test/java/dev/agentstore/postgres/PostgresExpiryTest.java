package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ExpiryTck;

/** The expiry suite of the TCK (metadata.expiresAt, deleted by maintenance) on PostgreSQL. */
class PostgresExpiryTest extends ExpiryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
