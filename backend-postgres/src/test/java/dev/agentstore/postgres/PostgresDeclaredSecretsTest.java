package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredSecretsTck;

/** Declared SECRET fields, of the TCK, on PostgreSQL. */
class PostgresDeclaredSecretsTest extends DeclaredSecretsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
