package dev.agentstore.adk;

import dev.agentstore.postgres.IntegrationStores;

/** The BaseSessionService cases on SQLite. */
class LocalSessionServiceTest extends SessionServiceContract {
  @Override
  protected String newLocation() {
    return IntegrationStores.newLocal();
  }
}
