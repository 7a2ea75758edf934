package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.QueryOperatorsTck;

/** The query operator suite of the TCK on PostgreSQL. */
class PostgresQueryOperatorsTest extends QueryOperatorsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
