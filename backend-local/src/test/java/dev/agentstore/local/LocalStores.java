package dev.agentstore.local;

import dev.agentstore.AgentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh local store locations for the TCK: a new directory under target/ for every store. */
final class LocalStores {
  private static final Path ROOT = Path.of("target", "tck-stores");

  private LocalStores() {}

  static AgentStore.Builder newBuilder() {
    try {
      Files.createDirectories(ROOT);
      Path dir = Files.createTempDirectory(ROOT.toAbsolutePath(), "store-");
      // The TCK runs thousands of writes; NORMAL keeps WAL durability against process crashes
      // while the durability suite checks FULL explicitly.
      return AgentStore.builder().uri("local:" + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
