package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredSecretsTck;

/** Declared SECRET fields, of the TCK, on SQLite. */
class LocalDeclaredSecretsTest extends DeclaredSecretsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
