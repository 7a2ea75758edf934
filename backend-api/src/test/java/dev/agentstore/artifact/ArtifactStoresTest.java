package dev.agentstore.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.internal.artifacts.FileSystemArtifactStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider lookup by scheme; the test class path registers two providers for scheme "twin". */
class ArtifactStoresTest {
  @Test
  void fileSchemeFindsTheBuiltInStore(@TempDir Path dir) {
    try (ArtifactStore store = ArtifactStores.open(dir.toUri().toString())) {
      assertThat(store).isInstanceOf(FileSystemArtifactStore.class);
    }
  }

  @Test
  void unknownMissingAndAmbiguousSchemesAreClearErrors() {
    assertThatThrownBy(() -> ArtifactStores.open("gcs://bucket")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("no artifact store provider for scheme 'gcs'");
    assertThatThrownBy(() -> ArtifactStores.open("s3://bucket?secretKey=hidden")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("artifacts-s3").hasMessageNotContaining("hidden");
    assertThatThrownBy(() -> ArtifactStores.open("relative/dir?secretKey=hidden")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("needs a scheme").hasMessageNotContaining("hidden");
    assertThatThrownBy(() -> ArtifactStores.open(" ")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactStores.open("twin:/x")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("several artifact store providers").hasMessageContaining("TwinProviders$First")
        .hasMessageContaining("TwinProviders$Second");
  }
}
