package dev.agentstore.langchain4j.agentic;

import dev.agentstore.postgres.IntegrationStores;

/** The AgenticScopeStore cases on SQLite. */
class LocalAgenticScopeStoreTest extends AgenticScopeStoreContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newLocal();
  }
}
