package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStoreException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import dev.agentstore.internal.artifacts.FileSystemArtifactStore;
import dev.agentstore.tck.internal.DeterministicStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact TCK on the built-in filesystem store, plus what only a directory can show. */
class FileSystemArtifactStoreTest extends ArtifactStoreTck {
  @TempDir
  Path dir;

  @Override
  protected String newStoreUri() {
    return root().toUri().toString();
  }

  private Path root() {
    return dir.resolve("artifacts");
  }

  @Test
  void objectsArePlainFilesUnderTheRoot() throws IOException {
    putText("wex-1/notes/today.txt", "plain bytes");
    assertThat(Files.readString(root().resolve("wex-1/notes/today.txt"))).isEqualTo("plain bytes");
    assertThat(store.head("wex-1/notes/today.txt").orElseThrow().uri()).isEqualTo(root().toRealPath().resolve("wex-1/notes/today.txt").toUri());
  }

  @Test
  void crashLeftoversAreSweptOnOpenWhileFreshTemporaryFilesOfOtherWritersStay() throws IOException {
    putText("wex-1/a", "a");
    Path stale = Files.writeString(root().resolve("wex-1/.agentstore-tmp-crashed"), "half");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path fresh = Files.writeString(root().resolve("wex-1/.agentstore-tmp-writing"), "in progress");
    try (ArtifactStore reopened = ArtifactStores.open(storeUri())) {
      assertThat(stale).doesNotExist();
      assertThat(fresh).exists();
      assertThat(reopened.list("", null).items()).extracting(s -> s.key()).containsExactly("wex-1/a");
    }
  }

  @Test
  void failedAndRejectedUploadsLeaveNoTemporaryFile() throws IOException {
    putText("wex-1/existing", "e");
    assertThatThrownBy(() -> store.put("wex-1/x", new DeterministicStream(1, 1 << 20, 1000))).isInstanceOf(AgentStoreException.class);
    assertThatThrownBy(() -> store.put("wex-1/y", new ByteArrayInputStream(new byte[] {1}),
        ArtifactPutOptions.builder().expectedSha256("b".repeat(64)).build())).isInstanceOf(InvalidArgumentException.class);
    assertThat(filesUnder(root())).containsExactly("wex-1/existing");
  }

  @Test
  void aKeyCannotBeBothAnArtifactAndAFolder() throws IOException {
    putText("wex-1/a", "file");
    putText("wex-1/b/c", "nested");
    assertThatThrownBy(() -> putText("wex-1/a/b", "x")).isInstanceOf(FailedPreconditionException.class).hasMessageContaining("wex-1/a");
    assertThatThrownBy(() -> putText("wex-1/b", "x")).isInstanceOf(FailedPreconditionException.class);
    assertThat(readAll("wex-1/a")).isEqualTo("file".getBytes(StandardCharsets.UTF_8));
    assertThat(store.head("wex-1/b")).isEmpty();
    assertThat(store.delete("wex-1/b")).isFalse();
    assertThat(filesUnder(root())).containsExactly("wex-1/a", "wex-1/b/c");
  }

  /** S3 servers differ here (s3proxy sorts by UTF-16), so this part of UTF-8 order is checked on files only. */
  @Test
  void charactersBeyondTheBasicPlaneSortInUtf8Order() {
    putText("a/\uD83D\uDE00", "emoji");
    putText("a/\uFF21", "fullwidth A");
    assertThat(allPages("a/", 1)).extracting(p -> p.items().get(0).key()).containsExactly("a/\uFF21", "a/\uD83D\uDE00");
  }

  @Test
  void deletesPruneEmptyFolders() {
    putText("wex-1/deep/er/x", "x");
    putText("wex-2/y", "y");
    store.delete("wex-1/deep/er/x");
    store.deletePrefix("wex-2/");
    assertThat(root().toFile().list()).isEmpty();
  }

  @Test
  void lostExtendedAttributesAreRebuiltFromTheContent() throws IOException {
    ArtifactRef ref = store.put("wex-1/restored", new ByteArrayInputStream(new byte[] {1, 2, 3}),
        ArtifactPutOptions.builder().contentType("text/plain").build());
    Path file = root().resolve("wex-1/restored");
    Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).delete("agentstore");
    var info = store.head("wex-1/restored").orElseThrow();
    assertThat(info.sha256()).isEqualTo(ref.sha256());
    assertThat(info.contentType()).isEqualTo(ArtifactPutOptions.DEFAULT_CONTENT_TYPE);
  }

  @Test
  void fileUrisInEveryFormOpenTheStore() throws IOException {
    putText("wex-1/a", "a");
    for (String uri : List.of("file:" + root(), "file://" + root(), root().toUri().toString())) {
      try (ArtifactStore s = ArtifactStores.open(uri)) {
        assertThat(s.head("wex-1/a")).as(uri).isPresent();
        assertThat(s).isInstanceOf(FileSystemArtifactStore.class);
      }
    }
    assertThatThrownBy(() -> ArtifactStores.open(root().toUri() + "?x=1")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactStores.open("file://otherhost/data")).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aRootThatIsAFileIsUnavailable() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThatThrownBy(() -> FileSystemArtifactStore.open(file)).isInstanceOf(dev.agentstore.UnavailableException.class)
        .hasMessageContaining("not-a-dir");
  }

  private static List<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }
}
