package dev.agentstore.adk;

import dev.agentstore.postgres.IntegrationStores;

/** The BaseSessionService cases on PostgreSQL. */
class PostgresSessionServiceTest extends SessionServiceContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newPostgres();
  }
}
