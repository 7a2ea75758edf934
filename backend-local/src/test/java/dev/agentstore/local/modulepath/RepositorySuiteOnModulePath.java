package dev.agentstore.local.modulepath;

import dev.agentstore.AgentStore;
import dev.agentstore.tck.RepositoryTck;

/**
 * The repository suite, run by {@link ModulePathTckMain} with the TCK as a named module. Not
 * named *Test: surefire must not pick it up on the class path (LocalRepositoryTest does that).
 */
class RepositorySuiteOnModulePath extends RepositoryTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return ModulePathStores.newBuilder();
  }
}
