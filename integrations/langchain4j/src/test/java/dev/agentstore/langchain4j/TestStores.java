package dev.agentstore.langchain4j;

import dev.agentstore.AgentStore;
import dev.agentstore.model.Organization;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Store locations for the tests: a new SQLite directory under target/, or a new database on the
 * test run's PostgreSQL (backend-postgres's PostgresStores: embedded, or AGENTSTORE_PG_URL).
 */
final class TestStores {
  private static final Path ROOT = Path.of("target", "stores").toAbsolutePath();

  private TestStores() {}

  /** A new local (SQLite) store location. */
  static String newLocal() {
    try {
      Files.createDirectories(ROOT);
      return "local:" + Files.createTempDirectory(ROOT, "local-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new PostgreSQL database's JDBC URL. */
  static String newPostgres() {
    return PostgresStores.newDatabase();
  }

  /** Opens the store at {@code location} (either kind), with a key and a file artifact store. */
  static AgentStore open(String location) {
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
  static String newOrg(AgentStore store) {
    return store.organizations().create(Organization.builder().name("Acme").build()).metadata().id();
  }
}
