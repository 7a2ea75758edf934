package dev.agentstore.spring.ai;

import dev.agentstore.AgentStore;
import dev.agentstore.postgres.PostgresStores;

/** The SessionRepository contract on PostgreSQL. */
class PostgresSessionRepositoryTest extends SessionRepositoryContract {
  @Override
  protected AgentStore.Builder newBuilder() {
    return PostgresStores.newBuilder();
  }
}
