package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredFieldChangesTck;

/** The field-evolution suite of the TCK on SQLite. */
class LocalDeclaredFieldChangesTest extends DeclaredFieldChangesTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
