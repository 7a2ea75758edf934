package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStoreException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactKeys;
import dev.agentstore.artifact.ArtifactPage;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRange;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import dev.agentstore.artifact.ArtifactSummary;
import dev.agentstore.tck.internal.DeterministicStream;
import dev.agentstore.tck.internal.LargeArtifactRoundTrip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite every {@link ArtifactStore} passes: round trips up to 512 MiB in a small
 * heap, atomic overwrites, failed and rejected uploads that leave nothing, ranges, paging, deletes,
 * metadata, key rules and content addressing.
 *
 * <p>A store's test subclasses it and returns the URI of a fresh, empty store; the suite opens it
 * with {@link ArtifactStores#open(String, Map)}, which also proves the provider is registered, and
 * hands the same URI to a child JVM for the large-object case.
 *
 * <p>Usage: {@code class MyStoreTest extends ArtifactStoreTck { protected String newStoreUri() { return "my://" + UUID.randomUUID(); } }}
 */
public abstract class ArtifactStoreTck {
  private static final long MIB = 1024 * 1024;

  /** The store under test, opened fresh for each test. */
  protected ArtifactStore store;
  private String uri;

  /** The URI of a fresh, empty store that no other test sees; called once per test. */
  protected abstract String newStoreUri();

  /** Options passed with the URI (credentials, say); none by default. */
  protected Map<String, String> storeOptions() {
    return Map.of();
  }

  @BeforeEach
  void openStore() {
    uri = newStoreUri();
    store = ArtifactStores.open(uri, storeOptions());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** The URI {@link #store} was opened from. */
  protected final String storeUri() {
    return uri;
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void missingArgumentsAreTypedErrorsAndStoreNothing() {
    var in = new ByteArrayInputStream(new byte[] {1});
    assertThatThrownBy(() -> store.put("wex-1/a", null, ArtifactPutOptions.defaults()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("content");
    assertThatThrownBy(() -> store.put("wex-1/a", in, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("options");
    assertThatThrownBy(() -> store.putContentAddressed("wex-1/", in, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("options");
    putText("wex-1/b", "x");
    assertThatThrownBy(() -> store.get("wex-1/b", null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("range");
    assertThat(store.head("wex-1/a")).isEmpty();
  }

  @Test
  void emptyObjectRoundTrips() throws IOException {
    ArtifactRef ref = store.put("wex-1/empty", new ByteArrayInputStream(new byte[0]));
    assertThat(ref.size()).isZero();
    assertThat(ref.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(readAll("wex-1/empty")).isEmpty();
    assertThat(store.head("wex-1/empty")).get().extracting(ArtifactInfo::size).isEqualTo(0L);
  }

  @Test
  void oneByteRoundTrips() throws IOException {
    ArtifactRef ref = store.put("wex-1/one", new ByteArrayInputStream(new byte[] {42}));
    assertThat(ref.size()).isEqualTo(1);
    assertThat(readAll("wex-1/one")).containsExactly(42);
  }

  @Test
  void sixtyFourMebibytesRoundTripByStreaming() throws IOException {
    long size = 64 * MIB;
    ArtifactRef ref = store.put("wex-1/big.bin", new DeterministicStream(7, size));
    String expected = DeterministicStream.sha256(7, size);
    assertThat(ref.size()).isEqualTo(size);
    assertThat(ref.sha256()).isEqualTo(expected);
    try (InputStream in = store.get("wex-1/big.bin")) {
      assertThat(DeterministicStream.sha256(in)).isEqualTo(expected);
    }
  }

  /** 512 MiB through a child JVM whose whole heap is 256 MiB: proves memory does not grow with size. */
  @Test
  void halfGibibyteRoundTripsInAQuarterGibibyteHeap(@TempDir Path tmp) throws Exception {
    long size = 512 * MIB;
    Path log = tmp.resolve("child.log");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), LargeArtifactRoundTrip.class.getName(),
        uri, "wex-big/half-gib.bin", Long.toString(size), "11")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String expected = DeterministicStream.sha256(11, size);
    boolean finished = child.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.println("[" + getClass().getSimpleName() + "] 512 MiB round trip in -Xmx256m: " + output.trim());
    assertThat(finished).as("child finished in time").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("put-sha256=" + expected, "get-sha256=" + expected, "size=" + size);
    assertThat(store.head("wex-big/half-gib.bin")).get().extracting(ArtifactInfo::size, ArtifactInfo::sha256)
        .containsExactly(size, expected);
  }

  // ---------------------------------------------------------------- atomicity

  @Test
  void readerOfAnOverwrittenObjectKeepsReadingTheOldOne() throws IOException {
    byte[] v1 = DeterministicStream.bytes(1, (int) (4 * MIB));
    byte[] v2 = DeterministicStream.bytes(2, (int) (3 * MIB));
    store.put("wex-1/live.log", new ByteArrayInputStream(v1));
    byte[] seen;
    try (InputStream in = store.get("wex-1/live.log")) {
      byte[] head = in.readNBytes(1000);
      store.put("wex-1/live.log", new ByteArrayInputStream(v2));
      byte[] rest = in.readAllBytes();
      seen = concat(head, rest);
    }
    assertThat(seen.length == v1.length && Arrays.equals(seen, v1) || Arrays.equals(seen, v2))
        .as("the open reader saw one whole version").isTrue();
    assertThat(readAll("wex-1/live.log")).isEqualTo(v2);
  }

  @Test
  void concurrentReadersOnlyEverSeeWholeVersions() throws Exception {
    byte[][] versions = {DeterministicStream.bytes(3, (int) (2 * MIB)), DeterministicStream.bytes(4, (int) (3 * MIB))};
    Set<String> whole = Set.of(DeterministicStream.sha256(new ByteArrayInputStream(versions[0])),
        DeterministicStream.sha256(new ByteArrayInputStream(versions[1])));
    store.put("wex-1/flip", new ByteArrayInputStream(versions[0]));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<String>> reads = pool.submit(() -> {
        List<String> digests = new ArrayList<>();
        while (writing.get() || digests.isEmpty()) {
          try (InputStream in = store.get("wex-1/flip")) {
            digests.add(DeterministicStream.sha256(in));
          }
        }
        return digests;
      });
      for (int i = 0; i < 12; i++) {
        store.put("wex-1/flip", new ByteArrayInputStream(versions[i % 2]));
      }
      writing.set(false);
      assertThat(reads.get(2, TimeUnit.MINUTES)).isNotEmpty().allSatisfy(d -> assertThat(whole).contains(d));
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  @Test
  void uploadFailingHalfWayLeavesNothingVisible() {
    // Early, past the first buffers, and past a store's early flush of large uploads.
    for (long failAfter : new long[] {10, 20 * MIB, 70 * MIB}) {
      long size = Math.max(40 * MIB, failAfter + MIB);
      assertThatThrownBy(() -> store.put("wex-1/partial-" + failAfter, new DeterministicStream(5, size, failAfter)))
          .isInstanceOf(AgentStoreException.class)
          .hasRootCauseInstanceOf(IOException.class);
      assertThat(store.head("wex-1/partial-" + failAfter)).isEmpty();
      assertThatThrownBy(() -> store.get("wex-1/partial-" + failAfter)).isInstanceOf(NotFoundException.class);
    }
    assertThat(store.list("", null).items()).isEmpty();
  }

  @Test
  void failedOverwriteKeepsTheOldObject() throws IOException {
    byte[] v1 = "version one".getBytes(StandardCharsets.UTF_8);
    store.put("wex-1/keep", new ByteArrayInputStream(v1));
    assertThatThrownBy(() -> store.put("wex-1/keep", new DeterministicStream(5, 40 * MIB, 20 * MIB)))
        .isInstanceOf(AgentStoreException.class);
    assertThat(readAll("wex-1/keep")).isEqualTo(v1);
    assertThat(store.head("wex-1/keep").orElseThrow().size()).isEqualTo(v1.length);
  }

  // ---------------------------------------------------------------- checksums

  @Test
  void sha256MismatchIsRejectedAndNothingIsStored() {
    String wrong = "0".repeat(64);
    for (long size : new long[] {100, 20 * MIB}) {
      String actual = DeterministicStream.sha256(9, size);
      assertThatThrownBy(() -> store.put("wex-1/bad-" + size, new DeterministicStream(9, size),
          ArtifactPutOptions.builder().expectedSha256(wrong).build()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("expected sha256 " + wrong + " but content has " + actual);
      assertThat(store.head("wex-1/bad-" + size)).isEmpty();
    }
    assertThat(store.list("", null).items()).isEmpty();
  }

  @Test
  void sha256MismatchOnOverwriteKeepsTheOldObject() throws IOException {
    byte[] v1 = "old".getBytes(StandardCharsets.UTF_8);
    store.put("wex-1/doc", new ByteArrayInputStream(v1));
    assertThatThrownBy(() -> store.put("wex-1/doc", new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)),
        ArtifactPutOptions.builder().expectedSha256("a".repeat(64)).build()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(readAll("wex-1/doc")).isEqualTo(v1);
  }

  @Test
  void matchingExpectedSha256IsAcceptedInEitherCase() {
    for (long size : new long[] {100, 20 * MIB}) {
      String sha = DeterministicStream.sha256(12, size);
      ArtifactRef ref = store.put("wex-1/ok-" + size, new DeterministicStream(12, size),
          ArtifactPutOptions.builder().expectedSha256(sha.toUpperCase()).build());
      assertThat(ref.sha256()).isEqualTo(sha);
      assertThat(store.head("wex-1/ok-" + size).orElseThrow().sha256()).isEqualTo(sha);
    }
  }

  // ---------------------------------------------------------------- ranges

  @Test
  void rangesAtStartMiddleAndEnd() throws IOException {
    byte[] data = DeterministicStream.bytes(13, 1000);
    store.put("wex-1/r", new ByteArrayInputStream(data));
    assertThat(readRange("wex-1/r", ArtifactRange.of(0, 10))).isEqualTo(Arrays.copyOfRange(data, 0, 10));
    assertThat(readRange("wex-1/r", ArtifactRange.of(500, 100))).isEqualTo(Arrays.copyOfRange(data, 500, 600));
    assertThat(readRange("wex-1/r", ArtifactRange.of(990, 10))).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
    assertThat(readRange("wex-1/r", ArtifactRange.of(999, 1))).isEqualTo(new byte[] {data[999]});
    assertThat(readRange("wex-1/r", ArtifactRange.from(900))).isEqualTo(Arrays.copyOfRange(data, 900, 1000));
  }

  @Test
  void rangeRunningPastTheEndIsCutAndOneOutsideIsInvalid() throws IOException {
    byte[] data = DeterministicStream.bytes(14, 1000);
    store.put("wex-1/r", new ByteArrayInputStream(data));
    assertThat(readRange("wex-1/r", ArtifactRange.of(995, 100))).isEqualTo(Arrays.copyOfRange(data, 995, 1000));
    assertThatThrownBy(() -> store.get("wex-1/r", ArtifactRange.of(1000, 1))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("wex-1/r");
    assertThatThrownBy(() -> store.get("wex-1/r", ArtifactRange.from(5000))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactRange.of(-1, 10)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactRange.of(0, 0)).isInstanceOf(InvalidArgumentException.class);
    store.put("wex-1/empty", new ByteArrayInputStream(new byte[0]));
    assertThatThrownBy(() -> store.get("wex-1/empty", ArtifactRange.of(0, 1))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void missingObjectsAreNotFound() {
    assertThatThrownBy(() -> store.get("wex-1/none")).isInstanceOf(NotFoundException.class).hasMessageContaining("wex-1/none");
    assertThatThrownBy(() -> store.get("wex-1/none", ArtifactRange.of(0, 1))).isInstanceOf(NotFoundException.class);
    assertThat(store.head("wex-1/none")).isEmpty();
    assertThat(store.delete("wex-1/none")).isFalse();
  }

  // ---------------------------------------------------------------- listing

  @Test
  void listByPrefixPagesInKeyOrder() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String key = String.format("s1/item-%02d", i);
      putText(key, "x".repeat(i));
      expected.add(key);
    }
    putText("s2/other", "o");
    putText("s10/near", "n");
    List<ArtifactPage> pages = allPages("s1/", 10);
    assertThat(pages).extracting(p -> p.items().size()).containsExactly(10, 10, 5);
    assertThat(pages.get(2).nextPageToken()).isEmpty();
    assertThat(keys(pages)).containsExactlyElementsOf(expected);
    assertThat(pages.get(0).items().get(3).size()).isEqualTo(3);
    assertThat(keys(allPages("s1", 1000))).hasSize(26).contains("s10/near").doesNotContain("s2/other");
    assertThat(keys(allPages("", 7))).hasSize(27);
    assertThat(keys(allPages("s1/item-1", 1000))).hasSize(10);
    assertThat(store.list("nothing/", null).items()).isEmpty();
  }

  @Test
  void listOrderIsUtf8ByteOrder() {
    // '-' < '.' < '/' in bytes, so "a/b-c" comes before the folder "a/b/"; then Latin-1 and CJK by code point.
    List<String> keys = List.of("a/B", "a/b-c", "a/b.c", "a/b/c", "a/b/d/e", "a/bc", "a/\u00e9", "a/\u65e5");
    List<String> reversed = new ArrayList<>(keys);
    Collections.reverse(reversed);
    reversed.forEach(key -> putText(key, key));
    assertThat(keys(allPages("a/", 1000))).containsExactlyElementsOf(keys);
    assertThat(keys(allPages("a/", 2))).containsExactlyElementsOf(keys);
  }

  @Test
  void pagingNeitherSkipsNorRepeatsWhenObjectsAreAdded() {
    for (int i = 0; i < 10; i++) {
      putText("s/k" + (i * 2 + 10), "v");
    }
    ArtifactPage first = store.list("s/", null, 4);
    putText("s/k11", "behind the cursor");
    putText("s/k99", "ahead of the cursor");
    List<String> seen = new ArrayList<>(first.items().stream().map(ArtifactSummary::key).toList());
    String token = first.nextPageToken().orElseThrow();
    while (token != null) {
      ArtifactPage p = store.list("s/", token, 4);
      p.items().forEach(s -> seen.add(s.key()));
      token = p.nextPageToken().orElse(null);
    }
    assertThat(seen).doesNotHaveDuplicates().contains("s/k99").doesNotContain("s/k11").hasSize(11);
  }

  /**
   * A token altered to move the listing (here: to start after another key) is refused, since
   * tokens are signed; before, an unsigned token repositioned the listing.
   */
  @Test
  void aTamperedListTokenIsRefused() {
    for (int i = 0; i < 4; i++) {
      putText("t1/k" + i, "v");
    }
    String token = store.list("t1/", null, 1).nextPageToken().orElseThrow();
    byte[] raw = java.util.Base64.getUrlDecoder().decode(token);
    String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("t1/k0");
    assertThat(at).as("the token carries its last key").isNotNegative();
    raw[at + 4] = (byte) '2'; // start after t1/k2 instead of t1/k0
    String moved = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> store.list("t1/", moved, 1))
        .isInstanceOf(InvalidArgumentException.class);
    String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("as-artifacts-1\0t1/\0t1/k2").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.list("t1/", unsigned, 1))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(store.list("t1/", token, 1).items().get(0).key()).isEqualTo("t1/k1");
  }

  @Test
  void listRejectsForgedAndForeignTokensAndBadPageSizes() {
    for (int i = 0; i < 3; i++) {
      putText("s1/k" + i, "v");
    }
    String token = store.list("s1/", null, 1).nextPageToken().orElseThrow();
    assertThatThrownBy(() -> store.list("s2/", token, 1)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.list("s1/", "not-a-token!", 1)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.list("s1/", "Zm9yZ2Vk", 1)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.list("s1/", null, 0)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.list("s1/", null, ArtifactStore.MAX_PAGE_SIZE + 1)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.list(null, null)).isInstanceOf(InvalidArgumentException.class);
    assertThat(store.list("../", null).items()).isEmpty();
    assertThat(store.list("s1//", null).items()).isEmpty();
  }

  // ---------------------------------------------------------------- delete

  @Test
  void deleteRemovesExactlyOneObject() {
    putText("wex-1/a", "a");
    putText("wex-1/b", "b");
    assertThat(store.delete("wex-1/a")).isTrue();
    assertThat(store.delete("wex-1/a")).isFalse();
    assertThat(store.head("wex-1/a")).isEmpty();
    assertThatThrownBy(() -> store.get("wex-1/a")).isInstanceOf(NotFoundException.class);
    assertThat(keys(allPages("", 1000))).containsExactly("wex-1/b");
  }

  @Test
  void deletePrefixRemovesTheFolderAndNothingElse() {
    putText("wex-1/a", "a");
    putText("wex-1/deep/b", "b");
    putText("wex-1/deep/er/c", "c");
    putText("wex-10/keep", "k");
    putText("wex-2/keep", "k");
    assertThatThrownBy(() -> store.deletePrefix("wex-1")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.deletePrefix("")).isInstanceOf(InvalidArgumentException.class);
    assertThat(store.deletePrefix("wex-1/deep/")).isEqualTo(2);
    assertThat(store.deletePrefix("wex-1/")).isEqualTo(1);
    assertThat(store.deletePrefix("wex-1/")).isZero();
    assertThat(keys(allPages("", 1000))).containsExactly("wex-10/keep", "wex-2/keep");
    putText("wex-1/again", "the folder can be used again");
    assertThat(store.head("wex-1/again")).isPresent();
  }

  // ---------------------------------------------------------------- metadata

  @Test
  void contentTypeAndMetadataRoundTrip() {
    ArtifactPutOptions options = ArtifactPutOptions.builder().contentType("application/pdf")
        .metadata("step", "render").metadata(Map.of("attempt", "2", "note", "with spaces & symbols: <ok>")).build();
    ArtifactRef ref = store.put("wex-1/report.pdf", new ByteArrayInputStream(new byte[] {1, 2, 3}), options);
    assertThat(ref.contentType()).isEqualTo("application/pdf");
    ArtifactInfo info = store.head("wex-1/report.pdf").orElseThrow();
    assertThat(info.contentType()).isEqualTo("application/pdf");
    assertThat(info.metadata()).isEqualTo(Map.of("step", "render", "attempt", "2", "note", "with spaces & symbols: <ok>"));
    assertThat(info.ref()).isEqualTo(ref);
    assertThat(info.lastModified()).isNotNull();

    store.put("wex-1/report.pdf", new ByteArrayInputStream(new byte[] {4}));
    ArtifactInfo replaced = store.head("wex-1/report.pdf").orElseThrow();
    assertThat(replaced.contentType()).isEqualTo(ArtifactPutOptions.DEFAULT_CONTENT_TYPE);
    assertThat(replaced.metadata()).isEmpty();
    assertThat(replaced.size()).isEqualTo(1);
  }

  @Test
  void badMetadataIsRejectedBeforeAnythingIsStored() {
    assertThatThrownBy(() -> ArtifactPutOptions.builder().metadata("Upper", "v")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactPutOptions.builder().metadata("k", "line\nbreak")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactPutOptions.builder().metadata("agentstore-sha256", "x")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactPutOptions.builder().metadata("big", "v".repeat(3000))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactPutOptions.builder().contentType("no-slash")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ArtifactPutOptions.builder().expectedSha256("abc")).isInstanceOf(InvalidArgumentException.class);
  }

  // ---------------------------------------------------------------- keys

  static Stream<String> badKeys() {
    return Stream.of("", "noscope", "/abs/key", "a//b", "a/../b", "../a", "a/./b", "a/b/", "a/b\0c", "a/b\u0001",
        "a/\u007f", "a/\u0085x", "a\\b/c", "a/\uD800", "a/.agentstore-tmp-x", ".agentstore/x",
        "a/" + "x".repeat(ArtifactKeys.MAX_SEGMENT_BYTES + 1), longKey(1025));
  }

  @ParameterizedTest
  @MethodSource("badKeys")
  void badKeysAreRejectedEverywhere(String key) {
    assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[] {1})))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.head(key)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.delete(key)).isInstanceOf(InvalidArgumentException.class);
    assertThat(store.list("", null).items()).isEmpty();
  }

  @Test
  void nullKeyIsRejected() {
    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(new byte[0]))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void unusualButValidKeysWork() throws IOException {
    List<String> keys = List.of("wex-1/report final (v2).pdf", "scope/dir/\u00fcber-\u65e5\u672c.txt", "s/..dots../x.y.z",
        "s/" + "y".repeat(ArtifactKeys.MAX_SEGMENT_BYTES), longKey(1024), "s/emoji-\uD83D\uDE00", "s/a+b=c&d@e,f;g'h");
    for (String key : keys) {
      putText(key, key);
    }
    for (String key : keys) {
      assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo(key);
    }
    assertThat(keys(allPages("", 1000))).containsExactlyInAnyOrderElementsOf(keys);
  }

  // ---------------------------------------------------------------- content addressing

  @Test
  void putContentAddressedStoresOnce() {
    byte[] pkg = DeterministicStream.bytes(21, 5000);
    ArtifactRef first = store.putContentAddressed("skills/", new ByteArrayInputStream(pkg),
        ArtifactPutOptions.builder().contentType("application/zip").metadata("skill", "first").build());
    ArtifactRef second = store.putContentAddressed("skills/", new ByteArrayInputStream(pkg),
        ArtifactPutOptions.builder().metadata("skill", "second").build());
    String sha = DeterministicStream.sha256(21, 5000);
    assertThat(first.key()).isEqualTo("skills/" + sha);
    assertThat(second).isEqualTo(first);
    assertThat(store.head(first.key()).orElseThrow().metadata()).containsEntry("skill", "first");
    ArtifactRef other = store.putContentAddressed("skills/", new ByteArrayInputStream(new byte[] {1}), ArtifactPutOptions.defaults());
    assertThat(other.key()).isNotEqualTo(first.key());
    assertThat(keys(allPages("skills/", 1000))).containsExactlyInAnyOrder(first.key(), other.key());
    assertThatThrownBy(() -> store.putContentAddressed("skills", new ByteArrayInputStream(pkg), ArtifactPutOptions.defaults()))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void putContentAddressedOfLargeContentStoresOnce() throws IOException {
    long size = 20 * MIB;
    ArtifactRef first = store.putContentAddressed("pkgs/", new DeterministicStream(22, size), ArtifactPutOptions.defaults());
    ArtifactRef again = store.putContentAddressed("pkgs/", new DeterministicStream(22, size), ArtifactPutOptions.defaults());
    assertThat(again).isEqualTo(first);
    assertThat(first.key()).isEqualTo("pkgs/" + DeterministicStream.sha256(22, size));
    try (InputStream in = store.get(first.key())) {
      assertThat(DeterministicStream.sha256(in)).isEqualTo(first.sha256());
    }
    assertThat(keys(allPages("pkgs/", 1000))).containsExactly(first.key());
  }

  @Test
  void putContentAddressedWithKnownDigestDoesNotReadTheStreamAgain() {
    byte[] pkg = DeterministicStream.bytes(23, 3000);
    String sha = DeterministicStream.sha256(23, 3000);
    ArtifactRef first = store.putContentAddressed("skills/", new ByteArrayInputStream(pkg),
        ArtifactPutOptions.builder().expectedSha256(sha).build());
    InputStream mustNotBeRead = new InputStream() {
      @Override
      public int read() {
        throw new UncheckedIOException(new IOException("the stored copy should have been used"));
      }
    };
    ArtifactRef again = store.putContentAddressed("skills/", mustNotBeRead, ArtifactPutOptions.builder().expectedSha256(sha).build());
    assertThat(again).isEqualTo(first);
  }

  // ---------------------------------------------------------------- durability

  @Test
  void objectsSurviveReopening() throws IOException {
    ArtifactRef ref = store.put("wex-1/durable", new ByteArrayInputStream("kept".getBytes(StandardCharsets.UTF_8)),
        ArtifactPutOptions.builder().contentType("text/plain").build());
    store.close();
    store = ArtifactStores.open(uri, storeOptions());
    assertThat(store.head("wex-1/durable").orElseThrow().ref()).isEqualTo(ref);
    assertThat(readAll("wex-1/durable")).isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- helpers

  /** Puts a UTF-8 string. */
  protected final ArtifactRef putText(String key, String text) {
    return store.put(key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Reads a whole (small) object. */
  protected final byte[] readAll(String key) throws IOException {
    try (InputStream in = store.get(key)) {
      return in.readAllBytes();
    }
  }

  private byte[] readRange(String key, ArtifactRange range) throws IOException {
    try (InputStream in = store.get(key, range)) {
      return in.readAllBytes();
    }
  }

  /** Every page of a listing. */
  protected final List<ArtifactPage> allPages(String prefix, int pageSize) {
    List<ArtifactPage> pages = new ArrayList<>();
    String token = null;
    do {
      ArtifactPage page = store.list(prefix, token, pageSize);
      pages.add(page);
      token = page.nextPageToken().orElse(null);
    } while (token != null);
    return pages;
  }

  private static List<String> keys(List<ArtifactPage> pages) {
    return pages.stream().flatMap(p -> p.items().stream()).map(ArtifactSummary::key).collect(Collectors.toList());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** A valid-looking key of exactly {@code bytes} UTF-8 bytes, in segments of at most 200. */
  private static String longKey(int bytes) {
    StringBuilder sb = new StringBuilder("long");
    while (sb.length() < bytes) {
      int segment = Math.min(200, Math.max(1, bytes - sb.length() - 1));
      sb.append('/').append("k".repeat(segment));
    }
    return sb.toString();
  }
}
