package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ItemQueryTck;

/** The item-query suite of the TCK (items across executions) on PostgreSQL. */
class PostgresItemQueryTest extends ItemQueryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
