package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.artifact.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

/**
 * The child JVM of the artifact workload (started with a small heap, e.g. {@code -Xmx256m}):
 * puts a file of the given size through {@code store.artifacts()} of a local store and reads it
 * back to a file, beside {@code cp} + {@code sync} and {@code Files.copy} + fsync of the same
 * bytes on the same disk, and measures each operation's peak heap growth and allocation
 * ({@link HeapSampler}). Prints one {@code name=v1,v2,...} line per series (MiB/s, or MiB for
 * heap and allocation) and deletes every file it wrote.
 *
 * <p>Usage: {@code java -Xmx256m -cp ... dev.agentstore.bench.ArtifactProbe <workDir> <bytes> <warmupBytes> <runs>}
 */
public final class ArtifactProbe {
  private static final int BUFFER = 256 * 1024;
  private static final String KEY = "bench/big.bin";
  private final Map<String, List<Double>> series = new LinkedHashMap<>();
  private final ArtifactStore artifacts;
  private final Path dst;

  private ArtifactProbe(ArtifactStore artifacts, Path dst) {
    this.artifacts = artifacts;
    this.dst = dst;
  }

  /** Runs the warm-up and the measured runs and prints the series. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    long bytes = Long.parseLong(args[1]);
    long warmupBytes = Long.parseLong(args[2]);
    int runs = Integer.parseInt(args[3]);
    Files.createDirectories(work);
    Path big = work.resolve("source.bin");
    Path small = work.resolve("source-warmup.bin");
    try (AgentStore store = AgentStore.open("local:" + work.resolve("store"))) {
      writeSource(small, warmupBytes);
      writeSource(big, bytes);
      ArtifactProbe probe = new ArtifactProbe(store.artifacts(), work.resolve("copy.bin"));
      probe.run(small, -1, false);
      for (int i = 0; i < runs; i++) {
        probe.run(big, i, true);
      }
      store.artifacts().delete(KEY);
      PrintStream out = System.out;
      probe.series.forEach((name, values) -> {
        StringJoiner j = new StringJoiner(",");
        values.forEach(v -> j.add(Double.toString(v)));
        out.println(name + "=" + j);
      });
    } finally {
      Files.deleteIfExists(big);
      Files.deleteIfExists(small);
      Files.deleteIfExists(work.resolve("copy.bin"));
    }
  }

  /**
   * One run: the put operations, then the get and read operations (which read what the library's
   * put stored), the library first in even runs and last in odd runs.
   */
  private void run(Path src, int run, boolean record) throws Exception {
    long size = Files.size(src);
    Path[] stored = new Path[1];
    Map<String, Op> put = new LinkedHashMap<>();
    put.put("put.lib", () -> {
      try (InputStream in = Files.newInputStream(src)) {
        ArtifactRef ref = artifacts.put(KEY, in);
        stored[0] = Path.of(ref.uri());
      }
    });
    put.put("put.cp", () -> shellCopy(src));
    put.put("put.files_copy", () -> filesCopy(src));
    Map<String, Op> get = new LinkedHashMap<>();
    get.put("get.lib", this::libGet);
    get.put("get.cp", () -> shellCopy(stored[0]));
    get.put("get.files_copy", () -> filesCopy(stored[0]));
    get.put("read.lib", this::libRead);
    get.put("read.raw", () -> rawRead(stored[0]));
    for (Map<String, Op> phase : List.of(put, get)) {
      List<String> names = new ArrayList<>(phase.keySet());
      if (Math.floorMod(run, 2) == 1) {
        Collections.reverse(names);
      }
      for (String name : names) {
        measure(name, size, record, phase.get(name));
      }
    }
  }

  /** An operation measured for throughput and heap. */
  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }

  private void measure(String name, long size, boolean record, Op op) throws Exception {
    HeapSampler heap = HeapSampler.start();
    long t0 = System.nanoTime();
    op.run();
    double secs = (System.nanoTime() - t0) / 1e9;
    HeapSampler.Growth growth = heap.stop();
    Files.deleteIfExists(dst);
    if (record) {
      add(name + ".mibs", size / 1048576.0 / secs);
      add(name + ".heap_mib", growth.peakGrowthBytes() / 1048576.0);
      add(name + ".alloc_mib", growth.allocatedBytes() / 1048576.0);
    }
  }

  private void add(String series, double value) {
    this.series.computeIfAbsent(series, k -> new ArrayList<>()).add(value);
  }

  /** get: the artifact streamed through the store into a file on the same disk, fsynced. */
  private void libGet() throws IOException {
    try (InputStream in = artifacts.get(KEY);
        FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream os = Channels.newOutputStream(out);
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) >= 0; ) {
        os.write(buf, 0, n);
      }
      out.force(true);
    }
  }

  /** read: the artifact streamed through the store and discarded. */
  private void libRead() throws IOException {
    try (InputStream in = artifacts.get(KEY)) {
      byte[] buf = new byte[BUFFER];
      while (in.read(buf) >= 0) {
        // discard
      }
    }
  }

  private static void rawRead(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(BUFFER);
      while (in.read(buf.clear()) >= 0) {
        // discard
      }
    }
  }

  private void filesCopy(Path src) throws IOException {
    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(dst, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private void shellCopy(Path src) throws IOException, InterruptedException {
    exec("cp", src.toString(), dst.toString());
    exec("sync", dst.toString());
  }

  private static void exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue());
    }
  }

  /** Writes {@code bytes} of incompressible data and fsyncs it. */
  private static void writeSource(Path file, long bytes) throws IOException {
    byte[] block = new byte[8 * 1024 * 1024];
    new Random(7).nextBytes(block);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      long left = bytes;
      while (left > 0) {
        ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
        while (b.hasRemaining()) {
          left -= ch.write(b);
        }
      }
      ch.force(true);
    }
  }
}
