package dev.agentstore.langgraph4j;

import dev.agentstore.postgres.IntegrationStores;

/** The BaseCheckpointSaver cases on SQLite. */
class LocalCheckpointSaverTest extends CheckpointSaverContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newLocal();
  }
}
