package dev.agentstore.local;

import dev.agentstore.AgentStore;
import dev.agentstore.ArchiveSummary;
import dev.agentstore.Archives;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The child JVM of {@link LocalArchiveStreamingTest} and of the benchmarks' archive probe,
 * started with a small heap: puts {@code count} artifacts of {@code size} pseudo-random bytes
 * each into a new local store, exports it to a file, imports the file into a second new store
 * and checks every artifact's SHA-256 on the way in and out and the two stores' verify. Prints
 * {@code name=value} lines (times in ms, bytes, the peak heap in MiB); any failure exits
 * non-zero.
 *
 * <p>Usage: {@code java -Xmx64m -cp ... dev.agentstore.local.StreamingArchiveChild <dir> <count> <size>}
 */
public final class StreamingArchiveChild {
  private StreamingArchiveChild() {}

  /** Runs it; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long size = Long.parseLong(args[2]);
    Path archive = dir.resolve("store.zip");
    try (AgentStore source = AgentStore.open("local:" + dir.resolve("source"));
        AgentStore target = AgentStore.builder().uri("local:" + dir.resolve("target"))
            .keyProvider(KeysetFileKeyProvider.existing(dir.resolve("source/master.key")))
            .open()) {
      String[] digests = new String[count];
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new java.security.DigestInputStream(new Noise(size, i), sha)) {
          source.artifacts().put("big/" + i + ".bin", in);
        }
        digests[i] = HexFormat.of().formatHex(sha.digest());
      }
      long t1 = System.nanoTime();
      ArchiveSummary exported;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
        exported = source.exporter().to(out);
      }
      long t2 = System.nanoTime();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
        target.importer().from(in);
      }
      long t3 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        ArtifactInfo info = target.artifacts().head("big/" + i + ".bin").orElseThrow();
        if (!info.sha256().equals(digests[i]) || info.size() != size) {
          throw new IllegalStateException("artifact " + i + " differs: " + info);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = target.artifacts().get("big/" + i + ".bin")) {
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) >= 0; ) {
            sha.update(buf, 0, n);
          }
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(digests[i])) {
          throw new IllegalStateException("artifact " + i + " reads back other bytes");
        }
      }
      Archives.VerifyReport report = Archives.verify(source, target);
      if (!report.identical()) {
        throw new IllegalStateException("verify: " + report.differences());
      }
      System.out.println("artifacts=" + exported.sections().get("artifacts").count());
      System.out.println("archiveBytes=" + Files.size(archive));
      System.out.println("putMs=" + (t1 - t0) / 1_000_000);
      System.out.println("exportMs=" + (t2 - t1) / 1_000_000);
      System.out.println("importMs=" + (t3 - t2) / 1_000_000);
      System.out.println("maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
      System.out.println("peakHeapMiB=" + peakHeapMiB());
      System.out.println("verified=true");
    }
  }

  /** The sum of the heap pools' peak usage since the JVM started, in MiB. */
  static long peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    return peak / (1 << 20);
  }

  /** {@code size} pseudo-random (incompressible) bytes from a seed, made as they are read. */
  static final class Noise extends InputStream {
    private long left;
    private long state;

    Noise(long size, long seed) {
      this.left = size;
      this.state = 0x9E3779B97F4A7C15L * (seed + 1);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        b[off + i] = (byte) state;
      }
      left -= n;
      return n;
    }
  }
}
