package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredFieldChangesTck;

/** The field-evolution suite of the TCK on PostgreSQL. */
class PostgresDeclaredFieldChangesTest extends DeclaredFieldChangesTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
