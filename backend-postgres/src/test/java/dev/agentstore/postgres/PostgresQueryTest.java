package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.QueryTck;

/** The query suite of the TCK on PostgreSQL. */
class PostgresQueryTest extends QueryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
