package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.local.defaults.SpiDefaultsBackendProvider;
import dev.agentstore.tck.RepositoryTck;

/** RepositoryTck on the SPI's default methods ({@link SpiDefaultsBackendProvider}). */
class LocalSpiDefaultsRepositoryTest extends RepositoryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder(SpiDefaultsBackendProvider.SCHEME);
  }
}
