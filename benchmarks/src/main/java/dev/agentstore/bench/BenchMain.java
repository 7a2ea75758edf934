package dev.agentstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs every benchmark workload on SQLite and PostgreSQL, then writes {@code REPORT.md},
 * {@code results.csv} and {@code plots/*.png}. Settings come from system properties (see
 * {@link BenchConfig}); {@code -Dbench.quick=true} is a one-minute smoke run writing under
 * {@code benchmarks/target/bench-quick/}.
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java}
 */
public final class BenchMain {
  private BenchMain() {}

  /** Runs the benchmarks and writes the report. */
  public static void main(String[] args) throws Exception {
    BenchConfig cfg = BenchConfig.fromSystemProperties();
    Instant started = Instant.now();
    System.out.printf("agentstore benchmarks%s: %d warm-up + %d measured runs, output %s%n",
        cfg.quick() ? " (QUICK smoke mode: small sizes)" : "", cfg.warmups(), cfg.runs(),
        cfg.outDir());
    deleteRecursively(cfg.workDir());
    Files.createDirectories(cfg.workDir());
    Results results = new Results();
    CompareResults compare = new CompareResults();
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    try {
      if (cfg.runs("sqlite")) {
        try (SqliteDb db = new SqliteDb(cfg.workDir().resolve("sqlite"))) {
          runBackend(cfg, db, results, compare, settings);
        }
      }
      if (cfg.runs("postgres")) {
        try (PostgresDb db = PostgresDb.start(cfg.workDir().resolve("postgres"))) {
          runBackend(cfg, db, results, compare, settings);
        }
      }
      if (cfg.group("artifacts")) {
        section("artifacts");
        new ArtifactWorkload(cfg, results).run();
      }
    } finally {
      if (!Boolean.getBoolean("bench.keep")) {
        deleteRecursively(cfg.workDir());
      }
    }
    Duration took = Duration.between(started, Instant.now());
    if (!results.rows().isEmpty()) {
      new ReportFiles(cfg, results, settings, started, took).writeAll();
    }
    if (!compare.isEmpty()) {
      finishCompare(cfg, compare, started, took);
    }
    System.out.printf("done in %d min %d s: %s%n", took.toMinutes(), took.toSecondsPart(),
        cfg.outDir().resolve("REPORT.md"));
  }

  /**
   * Writes the comparison's REPORT.md section and compare.csv; records the guard's baseline
   * ({@code -Dbench.compare.recordBaseline=true}) or checks it ({@code -Dbench.compare.guard=true},
   * exit status 3 when a CPU-time ratio regressed more than 25% or a statement count grew; see
   * {@link CompareResults#guard}).
   */
  private static void finishCompare(BenchConfig cfg, CompareResults compare, Instant started,
      Duration took) throws IOException {
    String note = String.format(java.util.Locale.ROOT, "Measured %s UTC in %d min %d s%s with"
        + " -Dbench.compare.rows=%d -Dbench.compare.warmupOps=%d -Dbench.compare.ops=%d"
        + " -Dbench.compare.rounds=%d. %s",
        started.toString().substring(0, 16).replace('T', ' '), took.toMinutes(),
        took.toSecondsPart(), cfg.quick() ? " (QUICK mode: tiny sizes)" : "",
        CompareWorkload.rows(cfg.quick()), CompareWorkload.warmupOps(cfg.quick()),
        CompareWorkload.ops(cfg.quick()), CompareWorkload.rounds(cfg.quick()), COMPARE_NOTE);
    compare.write(cfg.outDir(), note);
    Path module = Path.of(System.getProperty("bench.moduleDir", "benchmarks"));
    Path baseline = module.resolve("compare-baseline.properties");
    if (Boolean.getBoolean("bench.compare.recordBaseline")) {
      compare.recordBaseline(baseline);
      System.out.println("recorded the comparison baseline: " + baseline);
    }
    if (Boolean.getBoolean("bench.compare.guard")) {
      List<String> failed = compare.guard(baseline,
          Boolean.getBoolean("bench.compare.guardWallTime"));
      if (!failed.isEmpty()) {
        System.err.println("comparison guard: " + failed.size() + " ratio(s) regressed more than"
            + " 25% (or a statement count) past " + baseline + ":\n  " + String.join("\n  ", failed));
        System.exit(3);
      }
      System.out.println("comparison guard: every ratio within 25% of " + baseline);
    }
  }

  private static final String COMPARE_NOTE = "The machine is shared (2 cores, other builds"
      + " running) and noisy: read the ratios, not the absolute times. All three"
      + " implementations run in one JVM on the same database file / server with the same"
      + " durability (SQLite WAL, synchronous=FULL; embedded PostgreSQL 17, fsync=on,"
      + " synchronous_commit=on), after an untimed JIT warm-up (warmupOps operations of each"
      + " kind per implementation, ten times as many gets, a twentieth as many createAll calls:"
      + " the rounds time compiled code, as a long-running application runs it), in interleaved"
      + " rounds whose order rotates; every write is its"
      + " own transaction and writes the execution row (JSON spec ~2 KB, status ~1 KB), its"
      + " message rows and one history row. Statements exclude transaction control; round"
      + " trips count every JDBC call reaching the database (executes, a batch once, BEGIN /"
      + " COMMIT statements and commit() calls); all three are counted by the same JDBC proxy"
      + " (CountingJdbc). Allocation is the calling thread's (ThreadMXBean), so pool and"
      + " server threads are not included. WAL bytes (PostgreSQL only) are the server's"
      + " pg_current_wal_lsn() delta over each implementation's slice; SQLite bytes written are"
      + " not measured (the WAL file is reused after each checkpoint, so its size delta is not"
      + " an honest figure: n/m).";

  private static void runBackend(BenchConfig cfg, BenchDb db, Results results,
      CompareResults compare, Map<String, Map<String, String>> settings) throws Exception {
    section(db.name());
    BenchContext ctx = BenchContext.open(cfg, db, results);
    String org = ctx.data().org();
    try {
      if (cfg.group("single")) {
        new SingleOpWorkloads(ctx).run();
      }
      if (Boolean.getBoolean("bench.traceSql") && db instanceof PostgresDb pg) {
        new SqlTrace(ctx, pg).write(cfg.outDir().resolve("sql-trace.md"));
      }
      if (cfg.group("append")) {
        new AppendWorkload(ctx).run();
      }
      if (cfg.group("page")) {
        new PageWorkload(ctx).run();
      }
      if (cfg.group("analytics")) {
        new AnalyticsWorkload(ctx).run();
      }
      if (cfg.group("concurrent")) {
        new ConcurrentCreateWorkload(ctx).run();
      }
      if (cfg.group("compare")) {
        // Last: it wraps the store's pools in counting proxies for the rest of its life.
        new CompareWorkload(ctx, compare).run();
      }
    } finally {
      ctx.close();
    }
    if (cfg.group("open")) {
      new OpenWorkload(cfg, db, org, results).run();
    }
    settings.put(db.name(), db.settings());
  }

  private static void section(String name) {
    System.out.println("== " + name + " ==");
  }

  /** Deletes a directory tree (the scratch work directory). */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
