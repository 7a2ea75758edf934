package dev.agentstore.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Artifacts of 1 GiB through the local backend's filesystem artifact store (the same
 * {@code FileSystemArtifactStore} a PostgreSQL store gets with {@code artifacts("file:...")}),
 * run in a child JVM with a 256 MiB heap ({@link ArtifactProbe}): put and get beside
 * {@code cp} + {@code sync} and {@code Files.copy} + fsync on the same disk, with peak heap growth.
 * Judges "≥ 0.8× file copy" against the faster copy, and "< 64 MiB heap growth" on the largest
 * growth seen.
 *
 * <p>Usage: {@code new ArtifactWorkload(cfg, results).run();}
 */
final class ArtifactWorkload {
  /** The child's heap limit. */
  static final String HEAP = "-Xmx256m";
  private static final String BACKEND = "files";
  private final BenchConfig cfg;
  private final Results results;

  /** The workload writing under {@code cfg.workDir()}. */
  ArtifactWorkload(BenchConfig cfg, Results results) {
    this.cfg = cfg;
    this.results = results;
  }

  /** Runs the child and records its series. */
  void run() throws Exception {
    Path dir = cfg.workDir().resolve("artifacts");
    long warmup = Math.min(cfg.artifactBytes(), 64L * 1024 * 1024);
    ChildJvm.Outcome o = ChildJvm.run(
        List.of(HEAP, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"), ArtifactProbe.class,
        List.of(dir.toString(), "" + cfg.artifactBytes(), "" + warmup, "" + cfg.runs()),
        Map.of(), 3600);
    String size = cfg.artifactBytes() % (1024L * 1024 * 1024) == 0
        ? cfg.artifactBytes() / (1024L * 1024 * 1024) + " GiB"
        : cfg.artifactBytes() / (1024 * 1024) + " MiB";
    double worstHeap = 0;
    for (String op : List.of("put", "get")) {
      double[] lib = series(o, op + ".lib.mibs");
      double[] heap = series(o, op + ".lib.heap_mib");
      double maxHeap = Stats.of(heap).max();
      worstHeap = Math.max(worstHeap, maxHeap);
      String note = String.format("library: peak heap growth %.1f MiB max, %.1f MiB allocated"
          + " per op (child %s)", maxHeap, Stats.of(series(o, op + ".lib.alloc_mib")).median(),
          HEAP);
      Sample cp = new Sample(lib, series(o, op + ".cp.mibs"));
      Sample fc = new Sample(lib, series(o, op + ".files_copy.mibs"));
      String verb = op.equals("put") ? "put (file → store)" : "get (store → file)";
      results.add(new Result(BACKEND, "artifacts", verb, size, "MiB/s", cp, "cp + sync", note));
      results.add(new Result(BACKEND, "artifacts", verb, size, "MiB/s", fc,
          "Files.copy + fsync", String.format("Files.copy: peak heap growth %.1f MiB max",
              Stats.of(series(o, op + ".files_copy.heap_mib")).max())));
      double ratio = Math.min(cp.ratio().median(), fc.ratio().median());
      results.judge(Verdict.of(Target.ARTIFACT_SPEED, BACKEND, verb + " " + size, ratio,
          String.format("%.2f× of the faster copy", ratio), "artifacts." + op));
    }
    results.add(new Result(BACKEND, "artifacts", "read only (store → discard)", size, "MiB/s",
        new Sample(series(o, "read.lib.mibs"), series(o, "read.raw.mibs")),
        "FileChannel read", String.format("library: peak heap growth %.1f MiB max, %.1f MiB"
            + " allocated per op", Stats.of(series(o, "read.lib.heap_mib")).max(),
            Stats.of(series(o, "read.lib.alloc_mib")).median())));
    results.judge(Verdict.of(Target.ARTIFACT_HEAP, BACKEND, "put/get " + size, worstHeap,
        String.format("%.1f MiB", worstHeap), "artifacts.heap"));
  }

  private static double[] series(ChildJvm.Outcome o, String name) {
    return Arrays.stream(ChildJvm.value(o.stdout(), name).split(","))
        .mapToDouble(Double::parseDouble).toArray();
  }
}
