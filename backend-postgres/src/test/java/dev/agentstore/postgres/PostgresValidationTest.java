package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ValidationTck;

/** The validation suite of the TCK on PostgreSQL. */
class PostgresValidationTest extends ValidationTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
