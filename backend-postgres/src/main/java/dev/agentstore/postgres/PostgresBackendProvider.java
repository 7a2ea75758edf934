package dev.agentstore.postgres;

import dev.agentstore.postgres.internal.PostgresBackendFactory;
import dev.agentstore.postgres.internal.PostgresUri;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.BackendProvider;

/**
 * Opens PostgreSQL stores: {@code postgresql://user:password@host:port/database?options} (also
 * {@code postgres://}) or a JDBC URL {@code jdbc:postgresql://...} passed to the driver as is.
 * Migrations run when the store opens (once, however many stores open at the same moment).
 * Pool options, from the builder or the URI's query: {@code maximumPoolSize} (default 10),
 * {@code minimumIdle} (default 1), {@code connectionTimeoutMs} (default 10000),
 * {@code idleTimeoutMs} (default 600000), {@code maxLifetimeMs} (default 1800000); every other
 * query parameter goes to the PostgreSQL driver (e.g. {@code sslmode}, {@code currentSchema}).
 *
 * <p>Usage: {@code AgentStore.open("postgresql://agentstore@db.internal:5432/agentstore")}
 */
public final class PostgresBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean accepts(String uri) {
    return PostgresUri.accepts(uri);
  }

  @Override
  public Backend open(BackendConfig config) {
    return PostgresBackendFactory.open(PostgresUri.parse(config.uri(), config.options()),
        config.observer());
  }
}
