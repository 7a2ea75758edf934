package dev.agentstore.bench;

import dev.agentstore.local.StreamingArchiveChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Issue 14's memory target: export and import of 1 GiB of artifacts in a 256 MiB heap. Runs
 * backend-local's {@link StreamingArchiveChild} (the child of LocalArchiveStreamingTest) in a
 * JVM with {@code -Xmx<bench.archive.heap>}: {@code bench.archive.count} incompressible
 * artifacts of {@code bench.archive.MiB / count} MiB each, put, exported to a file, imported into
 * a new store, every SHA-256 checked. Prints the child's lines (times in ms, peak heap in MiB)
 * and the wall time.
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.bench.ArchiveProbe}
 */
public final class ArchiveProbe {
  private ArchiveProbe() {}

  /** Runs the child and prints what it measured. */
  public static void main(String[] args) throws Exception {
    long mib = Long.getLong("bench.archive.MiB", 1024);
    int count = Integer.getInteger("bench.archive.count", 16);
    String heap = System.getProperty("bench.archive.heap", "256m");
    Path work = Files.createDirectories(Path.of(System.getProperty("bench.work",
        "target/bench-work"))).resolve("archive-" + System.nanoTime());
    Files.createDirectories(work);
    try {
      ChildJvm.Outcome o = ChildJvm.run(List.of("-Xmx" + heap), StreamingArchiveChild.class,
          List.of(work.toString(), String.valueOf(count), String.valueOf((mib << 20) / count)),
          Map.of(), 3600);
      System.out.print(o.stdout());
      System.out.printf("heap=%s%nartifactMiB=%d%nwallMs=%.0f%n", heap, mib, o.wallMs());
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
