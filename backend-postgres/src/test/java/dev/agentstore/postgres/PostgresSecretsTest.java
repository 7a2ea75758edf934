package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.SecretsTck;

/** The secrets suite of the TCK on PostgreSQL. */
class PostgresSecretsTest extends SecretsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
