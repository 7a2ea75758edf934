package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.RetentionTck;

/** The retention suite of the TCK (deleteWhere, per-kind prune) on PostgreSQL. */
class PostgresRetentionTest extends RetentionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
