package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredReferencesTck;

/** The delete rules of declared references, of the TCK, on PostgreSQL. */
class PostgresDeclaredReferencesTest extends DeclaredReferencesTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
