package dev.agentstore.langchain4j.agentic;

import dev.agentstore.postgres.IntegrationStores;

/** The AgenticScopeStore cases on PostgreSQL. */
class PostgresAgenticScopeStoreTest extends AgenticScopeStoreContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newPostgres();
  }
}
