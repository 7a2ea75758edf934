package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.HistoryTck;

/** The history and change-feed suite of the TCK on PostgreSQL. */
class PostgresHistoryTest extends HistoryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }

  /** Every write's commit runs the callbacks before it returns (SqlBackend.committedHistory). */
  @Override
  protected boolean runsCommitCallbacks() {
    return true;
  }
}
