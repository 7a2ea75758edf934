package dev.agentstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code results.csv}: one line per measurement (library and baseline min/median/max and
 * the per-run ratio's min/median/max, every run's values) and one line per target verdict.
 *
 * <p>Usage: {@code new CsvWriter(results).write(outDir.resolve("results.csv"));}
 */
final class CsvWriter {
  private static final String HEADER = "kind,backend,group,workload,param,unit,baseline,runs,"
      + "lib_min,lib_median,lib_max,raw_min,raw_median,raw_max,ratio_min,ratio_median,ratio_max,"
      + "lib_runs,raw_runs,target,measured,verdict,note";
  private final Results results;

  /** A writer of {@code results}. */
  CsvWriter(Results results) {
    this.results = results;
  }

  /** Writes the file. */
  void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (Result r : results.rows()) {
      Stats lib = r.sample().libStats();
      Stats raw = r.sample().rawStats();
      Stats ratio = r.sample().ratio();
      lines.add(String.join(",", "measurement", q(r.backend()), q(r.group()), q(r.workload()),
          q(r.param()), q(r.unit()), q(r.baseline()), "" + lib.n(), n(lib.min()),
          n(lib.median()), n(lib.max()), n(raw.min()), n(raw.median()), n(raw.max()),
          n(ratio.min()), n(ratio.median()), n(ratio.max()), q(join(r.sample().lib())),
          q(join(r.sample().raw())), "", "", "", q(r.note())));
    }
    for (Verdict v : results.verdicts()) {
      lines.add(String.join(",", "target", q(v.backend()), "", q(v.subject()), "", "", "", "",
          "", "", "", "", "", "", "", "", "", "", "", q(v.target().label), n(v.measured()),
          v.word(), q(v.shown())));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String n(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String join(double[] values) {
    List<String> s = new ArrayList<>();
    for (double v : values) {
      s.add(n(v));
    }
    return String.join(";", s);
  }

  /** CSV-quotes a text field. */
  private static String q(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
