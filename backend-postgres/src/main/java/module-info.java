/**
 * The PostgreSQL backend (14+), for {@code postgresql://} URIs; artifacts on a filesystem, or on
 * S3 when {@code dev.agentstore.s3} is present.
 *
 * <p>Usage: put this module on the module path (or class path) and call
 * {@code AgentStore.open("postgresql://user@host/db")}; it is found through
 * {@link java.util.ServiceLoader}.
 */
module dev.agentstore.postgres {
  requires dev.agentstore.sql;
  requires org.postgresql.jdbc;
  // Flyway finds its PostgreSQL support through ServiceLoader; required so it is resolved.
  requires flyway.database.postgresql;

  // Flyway reads the migration scripts with ClassLoader.getResource, which sees a named module's
  // resources only in packages opened to everyone. (javac warns the package has no classes.)
  opens db.migration.postgresql;

  // jOOQ instantiates the generated record classes reflectively for every fetched row.
  opens dev.agentstore.postgres.internal.jooq.tables.records to org.jooq;

  // Nothing is exported: users reach the backend only through AgentStore.open.
  provides dev.agentstore.spi.BackendProvider with dev.agentstore.postgres.PostgresBackendProvider;
}
