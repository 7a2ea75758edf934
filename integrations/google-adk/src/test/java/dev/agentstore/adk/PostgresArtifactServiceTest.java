package dev.agentstore.adk;

/** The BaseArtifactService cases on PostgreSQL. */
class PostgresArtifactServiceTest extends ArtifactServiceContract {
  @Override
  protected String newLocation() {
    return TestStores.newPostgres();
  }
}
