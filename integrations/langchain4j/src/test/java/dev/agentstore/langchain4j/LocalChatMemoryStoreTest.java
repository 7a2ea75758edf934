package dev.agentstore.langchain4j;

import dev.agentstore.postgres.IntegrationStores;

/** The ChatMemoryStore cases on SQLite. */
class LocalChatMemoryStoreTest extends ChatMemoryStoreContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newLocal();
  }
}
