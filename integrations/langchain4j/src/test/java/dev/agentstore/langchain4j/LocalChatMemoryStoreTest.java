package dev.agentstore.langchain4j;

/** The ChatMemoryStore cases on SQLite. */
class LocalChatMemoryStoreTest extends ChatMemoryStoreContract {
  @Override
  protected String newLocation() {
    return TestStores.newLocal();
  }
}
