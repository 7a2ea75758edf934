package dev.agentstore.langgraph4j;

import dev.agentstore.postgres.IntegrationStores;

/** The BaseCheckpointSaver cases on PostgreSQL. */
class PostgresCheckpointSaverTest extends CheckpointSaverContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newPostgres();
  }
}
