package dev.agentstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the issue-17 comparison measured, how it is written (a section of {@code REPORT.md}
 * between markers, {@code compare.csv}) and the regression guard: ratios agentstore / baseline
 * checked against {@code compare-baseline.properties} (today's measured ratios), failing when a
 * ratio is more than 25% above its recorded value.
 *
 * <p>Usage: {@code CompareResults r = new CompareResults(); r.add(row); r.write(outDir); r.guard(baselineFile);}
 */
final class CompareResults {
  /** How much a ratio may grow past its recorded baseline before the guard fails. */
  static final double TOLERANCE = 1.25;
  static final String BEGIN = "<!-- compare:begin (written by CompareResults) -->";
  static final String END = "<!-- compare:end -->";
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, List<String>> logs = new LinkedHashMap<>();

  /**
   * One implementation's figures for one operation on one backend.
   *
   * @param backend SQLite or PostgreSQL
   * @param op the operation
   * @param impl agentstore, JDBC or Hibernate
   * @param micros µs per operation in each measured round
   * @param statements statements per operation (transaction control excluded)
   * @param roundTrips JDBC calls reaching the database per operation
   * @param allocBytes bytes allocated on the calling thread per operation
   * @param walBytes PostgreSQL WAL bytes per operation, or -1 where not measured
   */
  record Row(String backend, String op, String impl, double[] micros, double statements,
      double roundTrips, double allocBytes, double walBytes) {
    double median() {
      return Stats.of(micros).median();
    }
  }

  void add(Row r) {
    rows.add(r);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The list the first measured operation's SQL goes into. */
  List<String> logFor(String backend, String op, String impl) {
    return logs.computeIfAbsent(backend + "|" + op + "|" + impl, k -> new ArrayList<>());
  }

  Optional<Row> find(String backend, String op, String impl) {
    return rows.stream().filter(r -> r.backend.equals(backend) && r.op.equals(op)
        && r.impl.equals(impl)).findFirst();
  }

  /** Median over rounds of agentstore's time / {@code baseline}'s, per round. */
  double ratio(String backend, String op, String baseline) {
    Row lib = find(backend, op, "agentstore").orElseThrow();
    Row base = find(backend, op, baseline).orElseThrow();
    return Stats.of(Stats.ratios(lib.micros, base.micros)).median();
  }

  List<String> backends() {
    return rows.stream().map(Row::backend).distinct().toList();
  }

  /** The measured ratios, keyed {@code backend.op.baseline} (e.g. {@code SQLite.get.JDBC}). */
  Map<String, Double> ratios() {
    Map<String, Double> out = new TreeMap<>();
    for (String b : backends()) {
      for (String op : CompareWorkload.OPS) {
        if (find(b, op, "agentstore").isEmpty()) {
          continue;
        }
        for (String base : List.of("JDBC", "Hibernate")) {
          out.put(key(b, op, base), ratio(b, op, base));
        }
      }
    }
    return out;
  }

  static String key(String backend, String op, String baseline) {
    return backend + "." + op.replace(' ', '_') + "." + baseline;
  }

  /** Writes compare.csv and the REPORT.md section (replacing the previous one) in {@code out}. */
  void write(Path out, String note) throws IOException {
    Files.createDirectories(out);
    StringBuilder csv = new StringBuilder("backend,op,impl,median_us,statements_per_op,"
        + "round_trips_per_op,alloc_bytes_per_op,wal_bytes_per_op,rounds_us\n");
    for (Row r : rows) {
      StringBuilder rs = new StringBuilder();
      for (double v : r.micros) {
        rs.append(rs.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", v));
      }
      csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.2f,%.2f,%.0f,%.0f,%s%n",
          r.backend, r.op, r.impl, r.median(), r.statements, r.roundTrips, r.allocBytes,
          r.walBytes, rs));
    }
    Files.writeString(out.resolve("compare.csv"), csv, StandardCharsets.UTF_8);
    Path report = out.resolve("REPORT.md");
    String section = BEGIN + "\n" + markdown(note) + END;
    String md = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "";
    int b = md.indexOf(BEGIN);
    int e = md.indexOf(END);
    if (b >= 0 && e > b) {
      md = md.substring(0, b) + section + md.substring(e + END.length());
    } else {
      md = md + (md.isEmpty() ? "" : "\n") + section + "\n";
    }
    Files.writeString(report, md, StandardCharsets.UTF_8);
  }

  private String markdown(String note) {
    StringBuilder md = new StringBuilder("## Against honest baselines (issue 17)\n\n");
    md.append(note).append("\n\n");
    md.append("### Ratios (agentstore time / baseline time; median of per-round ratios)\n\n")
        .append("| op | SQLite / JDBC | SQLite / Hibernate | PostgreSQL / JDBC |"
            + " PostgreSQL / Hibernate |\n|---|---:|---:|---:|---:|\n");
    for (String op : CompareWorkload.OPS) {
      md.append("| ").append(op);
      for (String b : List.of("SQLite", "PostgreSQL")) {
        for (String base : List.of("JDBC", "Hibernate")) {
          md.append(" | ").append(find(b, op, "agentstore").isPresent()
              ? String.format(Locale.ROOT, "%.2f×", ratio(b, op, base)) : "–");
        }
      }
      md.append(" |\n");
    }
    for (String b : backends()) {
      md.append("\n### ").append(b).append(": per operation\n\n")
          .append("| op | impl | median µs/op | statements/op | round trips/op |"
              + " allocated KiB/op | WAL bytes/op |\n|---|---|---:|---:|---:|---:|---:|\n");
      for (String op : CompareWorkload.OPS) {
        for (String impl : List.of("agentstore", "JDBC", "Hibernate")) {
          find(b, op, impl).ifPresent(r -> md.append(String.format(Locale.ROOT,
              "| %s | %s | %.0f | %.1f | %.1f | %.1f | %s |%n", op, impl, r.median(),
              r.statements, r.roundTrips, r.allocBytes / 1024, r.walBytes < 0 ? "n/m"
                  : String.format(Locale.ROOT, "%.0f", r.walBytes))));
        }
      }
    }
    md.append("\n### The SQL of one operation (first measured round), per implementation\n\n"
        + "`[tx]` marks transaction control (counted as a round trip, not a statement);"
        + " `[batch xN]` one JDBC batch of N statements (one round trip).\n\n");
    for (Map.Entry<String, List<String>> e : logs.entrySet()) {
      String[] k = e.getKey().split("\\|");
      md.append("<details><summary>").append(k[0]).append(" · ").append(k[1]).append(" · ")
          .append(k[2]).append(" (").append(e.getValue().size()).append(" calls)</summary>\n\n"
              + "```sql\n");
      for (String s : e.getValue()) {
        md.append(s.length() > 400 ? s.substring(0, 400) + " …" : s).append('\n');
      }
      md.append("```\n\n</details>\n\n");
    }
    return md.toString();
  }

  /** Writes today's ratios as the guard's baseline. */
  void recordBaseline(Path file) throws IOException {
    StringBuilder s = new StringBuilder("# agentstore time / baseline time, recorded by"
        + " -Dbench.compare.recordBaseline=true; the guard (-Dbench.compare.guard=true) fails"
        + " when a ratio exceeds its value here by more than 25%.\n");
    for (Map.Entry<String, Double> e : ratios().entrySet()) {
      s.append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.3f", e.getValue()))
          .append('\n');
    }
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  /** The ratios more than 25% past their baseline in {@code file}, as messages (empty: pass). */
  List<String> guard(Path file) throws IOException {
    Properties base = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      base.load(in);
    }
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Double> e : ratios().entrySet()) {
      String recorded = base.getProperty(e.getKey());
      if (recorded == null) {
        continue;
      }
      double limit = Double.parseDouble(recorded) * TOLERANCE;
      String line = String.format(Locale.ROOT, "%s: %.2f× (baseline %s, limit %.2f×)",
          e.getKey(), e.getValue(), recorded, limit);
      System.out.println("  guard " + (e.getValue() > limit ? "FAIL " : "ok   ") + line);
      if (e.getValue() > limit) {
        failures.add(line);
      }
    }
    return failures;
  }
}
