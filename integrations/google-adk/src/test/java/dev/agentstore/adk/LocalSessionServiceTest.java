package dev.agentstore.adk;

/** The BaseSessionService cases on SQLite. */
class LocalSessionServiceTest extends SessionServiceContract {
  @Override
  protected String newLocation() {
    return TestStores.newLocal();
  }
}
