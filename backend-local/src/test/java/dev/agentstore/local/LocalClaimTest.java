package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.ClaimTck;

/** The work-claiming suite of the TCK (claim, renew, release with leases) on SQLite. */
class LocalClaimTest extends ClaimTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }
}
