package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ConcurrencyTck;

/** The concurrency suite of the TCK on SQLite. */
class LocalConcurrencyTest extends ConcurrencyTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }

  /** One writer always; a write waits {@code busyTimeoutMs} for its turn (250 ms at least). */
  @Override
  protected AgentStore.Builder withShortWriteWait(AgentStore.Builder builder) {
    return builder.option("busyTimeoutMs", "250");
  }
}
