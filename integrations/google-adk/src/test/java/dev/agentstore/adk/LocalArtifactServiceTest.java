package dev.agentstore.adk;

import dev.agentstore.postgres.IntegrationStores;

/** The BaseArtifactService cases on SQLite. */
class LocalArtifactServiceTest extends ArtifactServiceContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newLocal();
  }
}
