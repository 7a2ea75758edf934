package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.SecretsTck;

/** The secrets suite of the TCK on SQLite (with raw scans of the database and WAL files). */
class LocalSecretsTest extends SecretsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
