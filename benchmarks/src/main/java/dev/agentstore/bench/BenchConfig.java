package dev.agentstore.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of one benchmark run, read from system properties: {@code bench.quick} (small
 * sizes, 2 runs, output under {@code target/}), {@code bench.runs}, {@code bench.warmups},
 * {@code bench.out}, {@code bench.work}, {@code bench.backends} ({@code sqlite,postgres}),
 * {@code bench.groups} (any of {@link #ALL_GROUPS}) and {@code bench.artifactMiB}.
 *
 * <p>Usage: {@code BenchConfig cfg = BenchConfig.fromSystemProperties();}
 *
 * @param quick smoke mode: small sizes, figures not representative
 * @param runs measured runs per workload (each run measures library and raw back to back)
 * @param warmups unmeasured runs before them
 * @param outDir where REPORT.md, results.csv and plots/ go
 * @param workDir scratch directory for databases and artifact files (deleted at the end)
 * @param backends which backends to run: {@code sqlite}, {@code postgres}
 * @param groups which workload groups to run
 * @param singleOps operations per run of each single-operation workload
 * @param appendOps appends per run
 * @param appendLevels messages an execution holds before the appends
 * @param pageOps pages read per run
 * @param pageLevels rows in the table for the page workload
 * @param threads concurrent creators
 * @param createsPerThread creates per thread per run
 * @param openRuns child JVMs per side for the cold open
 * @param artifactBytes size of the artifact put and read
 */
record BenchConfig(boolean quick, int runs, int warmups, Path outDir, Path workDir,
    Set<String> backends, Set<String> groups, int singleOps, int appendOps,
    List<Integer> appendLevels, int pageOps, List<Integer> pageLevels, int threads,
    int createsPerThread, int openRuns, long artifactBytes) {

  /** The workload groups, in the order they run. */
  static final List<String> ALL_GROUPS =
      List.of("single", "append", "page", "analytics", "concurrent", "open", "artifacts",
          "compare");

  /** Reads the settings; {@code bench.moduleDir} (set by the pom) anchors the default paths. */
  static BenchConfig fromSystemProperties() {
    boolean quick = Boolean.getBoolean("bench.quick");
    Path module = Path.of(System.getProperty("bench.moduleDir", "benchmarks")).toAbsolutePath();
    Path out = Path.of(System.getProperty("bench.out",
        quick ? module.resolve("target/bench-quick").toString() : module.toString()));
    Path work = Path.of(System.getProperty("bench.work",
        module.resolve("target/bench-work").toString()));
    int runs = Integer.getInteger("bench.runs", quick ? 2 : 5);
    int warmups = Integer.getInteger("bench.warmups", quick ? 1 : 2);
    if (runs < 1 || warmups < 0) {
      throw new IllegalArgumentException("bench.runs must be >= 1 and bench.warmups >= 0");
    }
    long artifactMiB = Long.getLong("bench.artifactMiB", quick ? 16 : 1024);
    return new BenchConfig(quick, runs, warmups, out.toAbsolutePath(), work.toAbsolutePath(),
        set("bench.backends", "sqlite,postgres"), set("bench.groups", String.join(",", ALL_GROUPS)),
        quick ? 20 : 500,
        quick ? 20 : 200,
        quick ? List.of(10, 100, 1_000) : List.of(10, 1_000, 10_000),
        quick ? 20 : 200,
        quick ? List.of(1_000, 5_000, 20_000) : List.of(10_000, 100_000, 1_000_000),
        8,
        quick ? 5 : 250,
        quick ? 2 : 5,
        artifactMiB * 1024 * 1024);
  }

  /** Whether the backend ({@code sqlite} or {@code postgres}) is selected. */
  boolean runs(String backend) {
    return backends.contains(backend);
  }

  /** Whether the workload group is selected. */
  boolean group(String name) {
    return groups.contains(name);
  }

  private static Set<String> set(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
