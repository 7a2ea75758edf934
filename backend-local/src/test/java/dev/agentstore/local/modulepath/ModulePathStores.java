package dev.agentstore.local.modulepath;

import dev.agentstore.AgentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh store locations for the suites {@link ModulePathTckMain} runs: only public API, since
 * this class sits outside every module (a package no module owns, on the class path).
 */
final class ModulePathStores {
  /** Set by {@link ModulePathTckMain} from its argument: the parent test's temporary directory. */
  static volatile Path root;

  private ModulePathStores() {}

  static AgentStore.Builder newBuilder() {
    try {
      return AgentStore.builder().uri("local:" + Files.createTempDirectory(root, "store-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
