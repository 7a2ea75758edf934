package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.FuzzTck;

/** The fuzz run of the TCK on PostgreSQL. */
class PostgresFuzzTest extends FuzzTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
