package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredKindTck;

/** The application-defined kinds suite of the TCK on PostgreSQL. */
class PostgresDeclaredKindTest extends DeclaredKindTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
