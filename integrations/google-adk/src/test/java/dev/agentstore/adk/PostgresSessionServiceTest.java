package dev.agentstore.adk;

/** The BaseSessionService cases on PostgreSQL. */
class PostgresSessionServiceTest extends SessionServiceContract {
  @Override
  protected String newLocation() {
    return TestStores.newPostgres();
  }
}
