package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.AggregateTck;

/** The aggregate suite of the TCK (exact sums, groups, order, limits, isolation) on SQLite. */
class LocalAggregateTest extends AggregateTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
