package dev.agentstore.adk;

import dev.agentstore.postgres.IntegrationStores;

/** The BaseArtifactService cases on PostgreSQL. */
class PostgresArtifactServiceTest extends ArtifactServiceContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newPostgres();
  }
}
