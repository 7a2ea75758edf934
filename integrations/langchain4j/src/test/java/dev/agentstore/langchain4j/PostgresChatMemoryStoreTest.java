package dev.agentstore.langchain4j;

/** The ChatMemoryStore cases on PostgreSQL. */
class PostgresChatMemoryStoreTest extends ChatMemoryStoreContract {
  @Override
  protected String newLocation() {
    return TestStores.newPostgres();
  }
}
