package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.local.defaults.SpiDefaultsBackendProvider;
import dev.agentstore.tck.TransactionTck;

/** TransactionTck on the SPI's default methods ({@link SpiDefaultsBackendProvider}). */
class LocalSpiDefaultsTransactionTest extends TransactionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder(SpiDefaultsBackendProvider.SCHEME);
  }
}
