package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a local store puts artifacts, and which options reach the artifact store. */
class LocalArtifactsWiringTest {
  @TempDir
  Path dir;

  private static ArtifactRef putReport(AgentStore store) {
    return store.artifacts().put("wex-1/report.txt",
        new ByteArrayInputStream("body".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void localStoresDefaultToTheDataDirectory() {
    try (AgentStore store = AgentStore.builder().uri("local:" + dir.resolve("s"))
        .option("busyTimeoutMs", "5000").open()) {
      putReport(store);
    }
    assertThat(dir.resolve("s/artifacts/wex-1/report.txt")).hasContent("body");
  }

  @Test
  void aConfiguredArtifactStoreWinsAndGetsOnlyItsOwnOptions() {
    Path elsewhere = dir.resolve("shared-volume");
    try (AgentStore store = AgentStore.builder().uri("local:" + dir.resolve("s"))
        .artifacts("file:" + elsewhere).option("busyTimeoutMs", "5000").open()) {
      putReport(store);
    }
    assertThat(elsewhere.resolve("wex-1/report.txt")).hasContent("body");
    assertThat(Files.exists(dir.resolve("s/artifacts/wex-1"))).isFalse();

    assertThatThrownBy(() -> AgentStore.builder().uri("local:" + dir.resolve("t"))
        .artifacts("file:" + elsewhere).option("artifacts.bogus", "1").open())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("file:");
  }
}
