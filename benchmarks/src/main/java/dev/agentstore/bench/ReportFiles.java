package dev.agentstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the outputs of a run into the output directory: {@code results.csv},
 * {@code plots/*.png} and {@code REPORT.md} (which links the plots).
 *
 * <p>Usage: {@code new ReportFiles(cfg, results, settings, started, took).writeAll();}
 */
final class ReportFiles {
  private final BenchConfig cfg;
  private final Results results;
  private final Map<String, Map<String, String>> settings;
  private final Instant started;
  private final Duration took;

  /** The outputs of one run. */
  ReportFiles(BenchConfig cfg, Results results, Map<String, Map<String, String>> settings,
      Instant started, Duration took) {
    this.cfg = cfg;
    this.results = results;
    this.settings = settings;
    this.started = started;
    this.took = took;
  }

  /** Writes every file. */
  void writeAll() throws IOException {
    Path out = Files.createDirectories(cfg.outDir());
    Path plots = Files.createDirectories(out.resolve("plots"));
    new CsvWriter(results).write(out.resolve("results.csv"));
    List<String> pngs = new PlotWriter(results).writeAll(plots);
    new ReportWriter(cfg, results, settings, started, took, pngs).write(out.resolve("REPORT.md"));
  }
}
