package dev.agentstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    try {
      if (cfg.runs("sqlite")) {
        try (SqliteDb db = new SqliteDb(cfg.workDir().resolve("sqlite"))) {
          runBackend(cfg, db, results, settings);
        }
      }
      if (cfg.runs("postgres")) {
        try (PostgresDb db = PostgresDb.start(cfg.workDir().resolve("postgres"))) {
          runBackend(cfg, db, results, settings);
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
    new ReportFiles(cfg, results, settings, started, took).writeAll();
    System.out.printf("done in %d min %d s: %s%n", took.toMinutes(), took.toSecondsPart(),
        cfg.outDir().resolve("REPORT.md"));
  }

  private static void runBackend(BenchConfig cfg, BenchDb db, Results results,
      Map<String, Map<String, String>> settings) throws Exception {
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
      if (cfg.group("concurrent")) {
        new ConcurrentCreateWorkload(ctx).run();
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
