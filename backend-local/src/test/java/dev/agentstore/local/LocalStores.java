package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.local.internal.LocalBackendFactory;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fresh local store locations for the TCK: a new directory under target/ for every store, holding
 * a copy of a database file the backend migrated once per run. Migrating every test's database
 * took about half of this module's test time; the migrations themselves are tested by
 * LocalSchemaTest and LocalOpenTest on files that start empty.
 */
final class LocalStores {
  private static final Path ROOT = Path.of("target", "tck-stores");
  private static volatile Path template;

  private LocalStores() {}

  static AgentStore.Builder newBuilder() {
    return newBuilder(LocalBackendProvider.SCHEME);
  }

  /** A fresh store under a URI of {@code scheme} ({@code local:} or a test scheme over it). */
  static AgentStore.Builder newBuilder(String scheme) {
    try {
      Path dir = Files.createTempDirectory(root(), "store-");
      Files.copy(migratedTemplate(), dir.resolve(LocalBackendFactory.DATABASE_FILE));
      return AgentStore.builder().uri(scheme + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() throws IOException {
    return Files.createDirectories(ROOT).toAbsolutePath();
  }

  /**
   * The run's migrated database file: the backend alone opens and closes it (no store on top, so
   * no key file and no secrets settings), and closing its last connection folds the WAL back
   * into the file, so the file alone is the whole database.
   */
  private static Path migratedTemplate() throws IOException {
    Path file = template;
    if (file == null) {
      synchronized (LocalStores.class) {
        file = template;
        if (file == null) {
          Path dir = Files.createTempDirectory(root(), "template-");
          Backend backend = LocalBackendFactory.open(dir, new BackendConfig("local:" + dir,
              Map.of()));
          backend.close();
          file = dir.resolve(LocalBackendFactory.DATABASE_FILE);
          if (Files.exists(dir.resolve(LocalBackendFactory.DATABASE_FILE + "-wal"))
              && Files.size(dir.resolve(LocalBackendFactory.DATABASE_FILE + "-wal")) > 0) {
            throw new IllegalStateException("the template's WAL was not checkpointed: " + dir);
          }
          template = file;
        }
      }
    }
    return file;
  }
}
