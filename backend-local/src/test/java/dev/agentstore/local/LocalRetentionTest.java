package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.RetentionTck;

/** The retention suite of the TCK (deleteWhere, per-kind prune) on SQLite. */
class LocalRetentionTest extends RetentionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
