package dev.agentstore.local.modulepath;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.SecretsTck;

/**
 * The secrets suite (which checks the backend below the API through the SPI), run by
 * {@link ModulePathTckMain} with the TCK as a named module.
 */
class SecretsSuiteOnModulePath extends SecretsTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return ModulePathStores.newBuilder();
  }
}
