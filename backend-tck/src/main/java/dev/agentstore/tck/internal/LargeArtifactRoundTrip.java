package dev.agentstore.tck.internal;

import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import java.io.InputStream;

/**
 * Run by the TCK in a child JVM with a heap smaller than the object: puts {@code size} generated
 * bytes under {@code key}, reads them back, and prints timings and digests. A store that buffers
 * the object in memory dies here with an {@link OutOfMemoryError}.
 *
 * <p>Usage: {@code java -Xmx256m -cp ... dev.agentstore.tck.internal.LargeArtifactRoundTrip <store uri> <key> <size> <seed>}
 */
public final class LargeArtifactRoundTrip {
  private LargeArtifactRoundTrip() {}

  /** Exits 0 after printing {@code put-ms=.. get-ms=.. put-sha256=.. get-sha256=.. max-heap=..}. */
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String key = args[1];
    long size = Long.parseLong(args[2]);
    long seed = Long.parseLong(args[3]);
    try (ArtifactStore store = ArtifactStores.open(uri)) {
      long t0 = System.nanoTime();
      ArtifactRef ref = store.put(key, new DeterministicStream(seed, size));
      long t1 = System.nanoTime();
      String readSha;
      try (InputStream in = store.get(key)) {
        readSha = DeterministicStream.sha256(in);
      }
      long t2 = System.nanoTime();
      System.out.printf("put-ms=%d get-ms=%d size=%d put-sha256=%s get-sha256=%s max-heap=%d%n",
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, ref.size(), ref.sha256(), readSha, Runtime.getRuntime().maxMemory());
    }
  }
}
