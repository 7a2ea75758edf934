package dev.agentstore.spring.ai;

import dev.agentstore.AgentStore;
import dev.agentstore.postgres.PostgresStores;

/** The chat memory scenarios on PostgreSQL. */
class PostgresChatMemoryTest extends ChatMemoryContract {
  @Override
  protected AgentStore.Builder newBuilder() {
    return PostgresStores.newBuilder();
  }
}
