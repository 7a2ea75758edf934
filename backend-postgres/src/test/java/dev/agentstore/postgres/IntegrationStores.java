package dev.agentstore.postgres;

import dev.agentstore.AgentStore;
import dev.agentstore.model.Organization;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Store locations for the framework integrations' tests (LangChain4j, LangGraph4j, Google ADK),
 * which run one contract on both backends: a new SQLite directory under the module's
 * target/stores, or a new database on the test run's PostgreSQL ({@link PostgresStores}: embedded,
 * or AGENTSTORE_PG_URL). In this test jar beside {@link PostgresStores}, which those modules
 * already use; it was three identical copies, one per module.
 *
 * <p>Usage: {@code AgentStore store = IntegrationStores.open(IntegrationStores.newLocal());}
 */
public final class IntegrationStores {
  private static final Path ROOT = Path.of("target", "stores").toAbsolutePath();

  private IntegrationStores() {}

  /** A new local (SQLite) store location. */
  public static String newLocal() {
    try {
      Files.createDirectories(ROOT);
      return "local:" + Files.createTempDirectory(ROOT, "local-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new PostgreSQL database's JDBC URL, its schema already migrated. */
  public static String newPostgres() {
    return PostgresStores.newMigratedDatabase();
  }

  /** Opens the store at {@code location} (either kind), with a key and a file artifact store. */
  public static AgentStore open(String location) {
    if (location.startsWith("local:")) {
      return AgentStore.open(location);
    }
    Path files = ROOT.resolve("pg-" + Integer.toHexString(location.hashCode()));
    return AgentStore.builder().uri(location).keyProvider(keys(files))
        .artifacts("file:" + files.resolve("artifacts")).open();
  }

  private static KeyProvider keys(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return KeysetFileKeyProvider.createIfMissing(dir.resolve("master.key"));
  }

  /** A new organization's id. */
  public static String newOrg(AgentStore store) {
    return store.organizations().create(Organization.builder().name("Acme").build()).metadata().id();
  }
}
