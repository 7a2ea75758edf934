package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredReferencesTck;

/** The delete rules of declared references, of the TCK, on SQLite. */
class LocalDeclaredReferencesTest extends DeclaredReferencesTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
