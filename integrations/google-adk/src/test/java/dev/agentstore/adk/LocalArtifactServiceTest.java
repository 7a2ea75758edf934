package dev.agentstore.adk;

/** The BaseArtifactService cases on SQLite. */
class LocalArtifactServiceTest extends ArtifactServiceContract {
  @Override
  protected String newLocation() {
    return TestStores.newLocal();
  }
}
