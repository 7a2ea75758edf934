package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ClaimTck;

/** The work-claiming suite of the TCK (claim, renew, release with leases) on PostgreSQL. */
class PostgresClaimTest extends ClaimTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }
}
