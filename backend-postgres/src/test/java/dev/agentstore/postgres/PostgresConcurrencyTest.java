package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ConcurrencyTck;

/** The concurrency suite of the TCK on PostgreSQL. */
class PostgresConcurrencyTest extends ConcurrencyTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }

  /** One pooled connection, waited for at most 250 ms (the least the option takes). */
  @Override
  protected AgentStore.Builder withShortWriteWait(AgentStore.Builder builder) {
    return builder.option("maximumPoolSize", "1").option("connectionTimeoutMs", "250");
  }
}
