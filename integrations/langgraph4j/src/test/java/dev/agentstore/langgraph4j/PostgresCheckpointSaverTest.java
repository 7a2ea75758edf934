package dev.agentstore.langgraph4j;

/** The BaseCheckpointSaver cases on PostgreSQL. */
class PostgresCheckpointSaverTest extends CheckpointSaverContract {
  @Override
  protected String newLocation() {
    return TestStores.newPostgres();
  }
}
