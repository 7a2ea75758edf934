package dev.agentstore.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.artifacts.BaseArtifactService;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.genai.types.Part;
import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactSummary;
import dev.agentstore.postgres.IntegrationStores;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BaseArtifactService cases, run on SQLite (Local...) and PostgreSQL (Postgres...). */
abstract class ArtifactServiceContract {
  protected abstract String newLocation();

  private String location;
  private AgentStore store;
  private String org;
  private AgentStoreArtifactService artifacts;

  @BeforeEach
  void open() {
    location = newLocation();
    store = IntegrationStores.open(location);
    org = IntegrationStores.newOrg(store);
    artifacts = new AgentStoreArtifactService(store, org);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};

  private static Object loaded(BaseArtifactService s, String file, Integer version) {
    return Optional.ofNullable(s.loadArtifact("app", "u", "s1", file, version).blockingGet())
        .map(Part::toJson).orElse("absent");
  }

  /**
   * The filenames listed that have a version. (InMemoryArtifactService also lists a name that
   * was only ever read: its loadArtifact and listVersions insert an empty entry.)
   */
  private static TreeSet<String> keys(BaseArtifactService s, String user, String session) {
    TreeSet<String> out = new TreeSet<>();
    for (String f : s.listArtifactKeys("app", user, session).blockingGet().filenames()) {
      if (!s.listVersions("app", user, session, f).blockingGet().isEmpty()) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<Object> scenario(BaseArtifactService s) {
    List<Object> seen = new ArrayList<>();
    seen.add(s.saveArtifact("app", "u", "s1", "notes.txt", Part.fromText("v0")).blockingGet());
    seen.add(s.saveArtifact("app", "u", "s1", "notes.txt", Part.fromText("v1")).blockingGet());
    seen.add(s.saveArtifact("app", "u", "s1", "chart.png", Part.fromBytes(PNG, "image/png"))
        .blockingGet());
    seen.add(s.saveArtifact("app", "u", "s1", "dir/odd name ü.json",
        Part.fromFunctionCall("f", java.util.Map.of("a", 1))).blockingGet());
    seen.add(s.saveArtifact("app", "u", "s2", "notes.txt", Part.fromText("other session"))
        .blockingGet());
    seen.add(loaded(s, "notes.txt", null));
    seen.add(loaded(s, "notes.txt", 0));
    seen.add(loaded(s, "notes.txt", 7));
    seen.add(loaded(s, "chart.png", null));
    seen.add(loaded(s, "dir/odd name ü.json", 0));
    seen.add(loaded(s, "missing", null));
    seen.add(s.listVersions("app", "u", "s1", "notes.txt").blockingGet());
    seen.add(s.listVersions("app", "u", "s1", "missing").blockingGet());
    seen.add(keys(s, "u", "s1"));
    seen.add(keys(s, "u", "s2"));
    seen.add(keys(s, "other", "s1"));
    s.deleteArtifact("app", "u", "s1", "notes.txt").blockingAwait();
    s.deleteArtifact("app", "u", "s1", "never").blockingAwait();
    seen.add(loaded(s, "notes.txt", null));
    seen.add(s.listVersions("app", "u", "s1", "notes.txt").blockingGet());
    seen.add(keys(s, "u", "s1"));
    seen.add(s.saveArtifact("app", "u", "s1", "notes.txt", Part.fromText("again")).blockingGet());
    seen.add(s.saveAndReloadArtifact("app", "u", "s1", "notes.txt", Part.fromText("reload"))
        .blockingGet().toJson());
    seen.add(Optional.ofNullable(s.loadArtifact("app", "u", "s2", "notes.txt", null).blockingGet())
        .map(Part::toJson).orElse("absent"));
    return seen;
  }

  @Test
  void differentialAgainstInMemoryArtifactService() {
    List<Object> expected = scenario(new InMemoryArtifactService());
    List<Object> actual = scenario(artifacts);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("step %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void inlineBytesAreStoredAsThemselvesOnTheArtifactStore() throws Exception {
    artifacts.saveArtifact("app", "u", "s1", "chart.png", Part.fromBytes(PNG, "image/png"))
        .blockingGet();
    List<ArtifactSummary> objects = store.artifacts().list("adk-artifacts/", null).items();
    assertThat(objects).hasSize(1);
    ArtifactInfo info = store.artifacts().head(objects.get(0).key()).orElseThrow();
    assertThat(info.contentType()).isEqualTo("image/png");
    try (InputStream in = store.artifacts().get(info.key())) {
      assertThat(in.readAllBytes()).isEqualTo(PNG);
    }
    artifacts.saveArtifact("app", "u", "s1", "t", Part.fromText("hi")).blockingGet();
    assertThat(store.artifacts().list("adk-artifacts/", null).items()).hasSize(2);
    artifacts.deleteArtifact("app", "u", "s1", "chart.png").blockingAwait();
    assertThat(store.artifacts().list("adk-artifacts/", null).items()).hasSize(1);
    try (InputStream in = store.artifacts().get(
        store.artifacts().list("adk-artifacts/", null).items().get(0).key())) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("hi");
    }
  }

  @Test
  void userScopedFilesAreSharedByTheUsersSessions() {
    artifacts.saveArtifact("app", "u", "s1", "user:profile", Part.fromText("p0")).blockingGet();
    assertThat(artifacts.saveArtifact("app", "u", "s2", "user:profile", Part.fromText("p1"))
        .blockingGet()).isEqualTo(1);
    assertThat(artifacts.loadArtifact("app", "u", "s3", "user:profile", null).blockingGet())
        .isEqualTo(Part.fromText("p1"));
    assertThat(artifacts.listArtifactKeys("app", "u", "s9").blockingGet().filenames())
        .containsExactly("user:profile");
    assertThat(artifacts.listArtifactKeys("app", "v", "s1").blockingGet().filenames()).isEmpty();
  }

  @Test
  void anotherProcessSeesTheSameVersions() {
    artifacts.saveArtifact("app", "u", "s1", "a", Part.fromText("0")).blockingGet();
    try (AgentStore second = IntegrationStores.open(location)) {
      // a PostgreSQL store's artifact files live beside the database's key: share them
      AgentStoreArtifactService other = new AgentStoreArtifactService(second, org);
      assertThat(other.listVersions("app", "u", "s1", "a").blockingGet()).containsExactly(0);
      assertThat(other.saveArtifact("app", "u", "s1", "a", Part.fromText("1")).blockingGet())
          .isEqualTo(1);
    }
    assertThat(artifacts.loadArtifact("app", "u", "s1", "a", null).blockingGet())
        .isEqualTo(Part.fromText("1"));
  }

  @Test
  void badInputIsATypedError() {
    assertThatThrownBy(() -> artifacts.saveArtifact("app", "u", "s1", null, Part.fromText("x"))
        .blockingGet()).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filename");
    assertThatThrownBy(() -> artifacts.saveArtifact("app", "u", "s1", "f", null).blockingGet())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("artifact");
    assertThatThrownBy(() -> artifacts.listArtifactKeys(null, "u", "s1").blockingGet())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("appName");
    assertThat(artifacts.listVersions("app", "u", "s1", "f").blockingGet()).isEmpty();
  }

  @Test
  void sixteenConcurrentSavesGetDistinctVersions() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> saves = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        int n = i;
        saves.add(pool.submit(() -> {
          start.await();
          return artifacts.saveArtifact("app", "u", "s1", "log", Part.fromText("entry " + n))
              .blockingGet();
        }));
      }
      start.countDown();
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> f : saves) {
        versions.add(f.get(120, TimeUnit.SECONDS));
      }
      assertThat(versions).containsExactlyInAnyOrderElementsOf(
          java.util.stream.IntStream.range(0, threads).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
    assertThat(artifacts.listVersions("app", "u", "s1", "log").blockingGet())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, threads).boxed().toList());
    TreeSet<String> texts = new TreeSet<>();
    for (int v = 0; v < threads; v++) {
      texts.add(artifacts.loadArtifact("app", "u", "s1", "log", v).blockingGet().text().orElseThrow());
    }
    assertThat(texts).hasSize(threads);
  }
}
