package dev.agentstore.langchain4j;

import dev.agentstore.postgres.IntegrationStores;

/** The ChatMemoryStore cases on PostgreSQL. */
class PostgresChatMemoryStoreTest extends ChatMemoryStoreContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newPostgres();
  }
}
