package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.postgres.internal.PostgresBackendFactory;
import dev.agentstore.postgres.internal.PostgresUri;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.sql.SqlBackendWiring;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of a test run and fresh databases on it. One server per JVM: the one
 * {@code AGENTSTORE_PG_URL} names (a JDBC URL of a superuser or a role with CREATEDB, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5433/postgres?user=agentstore&password=...}), or else real
 * PostgreSQL binaries from Maven Central started in-process. Every store gets a new database.
 */
public final class PostgresStores {
  /** The environment variable naming an external server. */
  static final String ENV = "AGENTSTORE_PG_URL";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static volatile String adminUrl;

  private PostgresStores() {}

  /**
   * The files of this run: one key file for every store (a PostgreSQL store needs a configured
   * key; it never invents one) and an artifact folder per store.
   */
  private static final Path FILES = createDirectories(Path.of("target", "pg-tck-" + RUN));
  private static final KeyProvider KEYS =
      KeysetFileKeyProvider.createIfMissing(FILES.resolve("master.key"));
  private static final AtomicInteger ARTIFACT_DIRS = new AtomicInteger();

  private static Path createDirectories(Path dir) {
    try {
      return java.nio.file.Files.createDirectories(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A builder for a store on a new database that holds the schema and nothing else, with a key
   * and a file artifact store. The database is a copy of a template migrated once per run:
   * migrating every test's database took most of this module's test time.
   */
  public static AgentStore.Builder newBuilder() {
    return builderFor(newMigratedDatabase());
  }

  /**
   * A builder for the store on {@code url} (a URL {@link #newDatabase} returned), with the run's
   * key and a new file artifact store. Tests keep the URL themselves: builders hide their URI.
   */
  public static AgentStore.Builder builderFor(String url) {
    Path artifacts = FILES.resolve("artifacts-" + ARTIFACT_DIRS.incrementAndGet());
    return AgentStore.builder().uri(url).keyProvider(KEYS).artifacts("file:" + artifacts);
  }

  /** Creates a new empty database and returns its JDBC URL (with credentials). */
  public static String newDatabase() {
    return createDatabase(nextName(), "");
  }

  /**
   * Creates a new database with every migration applied and no rows beyond Flyway's history, and
   * returns its JDBC URL. Opening a store there finds the schema current and skips Flyway; it
   * writes its own secrets settings as on any new store.
   */
  public static String newMigratedDatabase() {
    return createDatabase(nextName(), " TEMPLATE " + migratedTemplate());
  }

  private static String nextName() {
    return "tck_" + RUN + "_" + DATABASES.incrementAndGet();
  }

  private static String createDatabase(String name, String clause) {
    try (Connection c = admin(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + clause);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return PostgresUri.withDatabase(adminUrl(), name);
  }

  private static volatile String template;

  /**
   * The run's template: a database migrated by the backend's own migration code, which no
   * connection holds open afterwards (PostgreSQL copies a template only when nobody is on it).
   */
  private static String migratedTemplate() {
    String name = template;
    if (name == null) {
      synchronized (PostgresStores.class) {
        name = template;
        if (name == null) {
          name = nextName();
          String url = createDatabase(name, "");
          SqlBackendWiring.migrate(dataSource(url), "the test template",
              new SqlBackendWiring.Migrations(PostgresStores.class.getClassLoader(),
                  "classpath:db/migration/postgresql", PostgresBackendFactory.LATEST_MIGRATION),
              SqlBackendWiring.MigrationLock.ALREADY_HELD);
          template = name;
        }
      }
    }
    return name;
  }

  /** A connection to the server's maintenance database as the admin role. */
  static Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl());
  }

  /** A connection to {@code jdbcUrl} (a URL {@link #newDatabase} returned). */
  public static Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  /** A data source for {@code jdbcUrl} (a URL {@link #newDatabase} returned). */
  static javax.sql.DataSource dataSource(String jdbcUrl) {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(jdbcUrl);
    return ds;
  }

  /** The server's major version, e.g. 17. */
  static int serverMajorVersion() {
    try (Connection c = admin()) {
      return c.getMetaData().getDatabaseMajorVersion();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String adminUrl() {
    String url = adminUrl;
    if (url == null) {
      synchronized (PostgresStores.class) {
        url = adminUrl;
        if (url == null) {
          String external = System.getenv(ENV);
          boolean useExternal = external != null && !external.isBlank();
          url = useExternal ? external.trim() : startEmbedded();
          adminUrl = url;
          if (useExternal) {
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresStores::dropDatabases));
          }
        }
      }
    }
    return url;
  }

  /** On a server that outlives the run, drops the databases this run created. */
  private static void dropDatabases() {
    try (Connection c = admin(); Statement st = c.createStatement()) {
      for (int i = 1; i <= DATABASES.get(); i++) {
        st.execute("DROP DATABASE IF EXISTS tck_" + RUN + "_" + i + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      System.err.println("could not drop the test databases of run " + RUN + ": " + e);
    }
  }

  private static String startEmbedded() {
    try {
      // The test-only settings of backend-postgres/ci/start-debian-postgres.sh: the server and
      // its data directory live as long as this JVM (PostgresServerCrashTest runs a durable
      // server of its own). With fsync the run's ~500 databases made the shutdown checkpoint
      // outlast surefire's exit timeout, which then left gigabytes of data directory behind.
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException e) {
          // the JVM is exiting; the server's directory is temporary
        }
      }));
      return pg.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

}
