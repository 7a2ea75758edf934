package dev.agentstore.langgraph4j;

/** The BaseCheckpointSaver cases on SQLite. */
class LocalCheckpointSaverTest extends CheckpointSaverContract {
  @Override
  protected String newLocation() {
    return TestStores.newLocal();
  }
}
