package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ApiKeyTck;

/** The apikey suite of the TCK on PostgreSQL. */
class PostgresApiKeyTest extends ApiKeyTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
