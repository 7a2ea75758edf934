package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.AggregateTck;

/** The aggregate suite of the TCK (exact sums, groups, order, limits, isolation) on PostgreSQL. */
class PostgresAggregateTest extends AggregateTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
