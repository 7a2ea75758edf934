package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.DeclaredKindTck;

/** The application-defined kinds suite of the TCK on SQLite. */
class LocalDeclaredKindTest extends DeclaredKindTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
