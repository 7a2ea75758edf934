package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.local.SqliteDialect;
import dev.agentstore.postgres.PostgresDialect;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.sql.ConnectionPool;
import dev.agentstore.sql.DialectStrategy;
import dev.agentstore.sql.MigrationGate;
import dev.agentstore.sql.SchemaDrift;
import dev.agentstore.sql.SqlBackend;
import dev.agentstore.sql.SqlBackendWiring;
import dev.agentstore.sql.SqlBackendWiring.MigrationLock;
import dev.agentstore.sql.SqlBackendWiring.Migrations;
import dev.agentstore.sql.SqlBackendWiring.PoolSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jooq.Schema;

/**
 * The Javadoc usage lines of the SQL backends, as compiled code (see JavadocSnippetsTest). The
 * fields stand for what a backend module has at hand while it opens a store.
 */
@SuppressWarnings("unused")
abstract class SqlSnippets {
  static final String LATEST_MIGRATION = "1";
  DialectStrategy dialect;
  DialectStrategy mariaDbDialect;
  DataSource dataSource;
  DataSource source;
  DataSource readPool;
  DataSource writePool;
  DataSource readers;
  DataSource writer;
  ConnectionPool pool;
  AutoCloseable pools;
  AutoCloseable onClose;
  Capabilities capabilities;
  Capabilities caps;
  PoolSettings settings;
  Migrations migrations;
  MigrationLock lock;
  Path dir;
  List<Path> files;
  Schema live;
  String url;
  String what;

  abstract void migrate(DataSource source);

  void opening() throws Exception {
    if (!MigrationGate.isCurrent(dataSource, LATEST_MIGRATION)) migrate(dataSource);
    try (ConnectionPool p = SqlBackendWiring.pool(source, settings, "SQLite")) {
      p.getConnection().close();
    }
    SqlBackendWiring.migrate(source, "MariaDB at " + url, migrations, lock);
    ConnectionPool pool = SqlBackendWiring.pool(source, PoolSettings.fixed("agentstore", 8, 5000), what);
    Backend b = new SqlBackend(mariaDbDialect, pool, pool, caps, null, List.of(), pool);
  }

  void backends() {
    Backend b = new SqlBackend(dialect, readPool, writePool, capabilities, dir, List.of(), pools);
    Backend sqlite = new SqlBackend(new SqliteDialect(), readPool, writePool, caps, dir, files, onClose);
    Backend local = new SqlBackend(new SqliteDialect(), readers, writer, caps, dir, files, pools);
    Backend postgres = new SqlBackend(new PostgresDialect(), pool, pool, caps, null, List.of(), pool);
  }

  void drift() {
    List<String> d = SchemaDrift.compare(dialect.schema(), live, Set.of("flyway_schema_history"));
  }

  void providers() {
    AgentStore.open("local:/var/lib/agentstore");
    AgentStore.open("postgresql://agentstore@db.internal:5432/agentstore");
  }
}
