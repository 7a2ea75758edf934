package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.HistoryTck;

/** The history and change-feed suite of the TCK on SQLite. */
class LocalHistoryTest extends HistoryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }

  /** Every write's commit runs the callbacks before it returns (SqlBackend.committedHistory). */
  @Override
  protected boolean runsCommitCallbacks() {
    return true;
  }
}
