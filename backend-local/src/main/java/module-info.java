/**
 * The embedded default backend: SQLite in WAL mode plus local files, for {@code local:} URIs.
 *
 * <p>Usage: put this module on the module path (or class path) and call
 * {@code AgentStore.open("local:./data")}; it is found through {@link java.util.ServiceLoader}.
 */
module dev.agentstore.local {
  requires dev.agentstore.sql;
  requires org.xerial.sqlitejdbc;

  // Flyway reads the migration scripts with ClassLoader.getResource, which sees a named module's
  // resources only in packages opened to everyone. (javac warns the package has no classes.)
  opens db.migration.sqlite;

  // jOOQ instantiates the generated record classes reflectively for every fetched row.
  opens dev.agentstore.local.internal.jooq.tables.records to org.jooq;

  // Nothing is exported: users reach the backend only through AgentStore.open.
  provides dev.agentstore.spi.BackendProvider with dev.agentstore.local.LocalBackendProvider;
}
