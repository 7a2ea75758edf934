package dev.agentstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code REPORT.md} from one run's results: date and settings, every target with MET or
 * MISSED, a table per workload (library beside its baseline, min / median / max, and the per-run
 * ratio), the scaling tables with their plots, the cause and fix of every missed target (only
 * for misses), and how each baseline matches the library's SQL. Nothing in it is a hard-coded
 * figure.
 *
 * <p>Usage: {@code new ReportWriter(cfg, results, settings, started, took, plots).write(out.resolve("REPORT.md"));}
 */
final class ReportWriter {
  /** The one command that writes the report. */
  static final String COMMAND =
      "mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java";
  private final BenchConfig cfg;
  private final Results results;
  private final Map<String, Map<String, String>> settings;
  private final Instant started;
  private final Duration took;
  private final List<String> plots;
  private final StringBuilder md = new StringBuilder();

  /** A report of {@code results}. */
  ReportWriter(BenchConfig cfg, Results results, Map<String, Map<String, String>> settings,
      Instant started, Duration took, List<String> plots) {
    this.cfg = cfg;
    this.results = results;
    this.settings = settings;
    this.started = started;
    this.took = took;
    this.plots = plots;
  }

  /** Writes the report. */
  void write(Path file) throws IOException {
    header();
    machine();
    targets();
    single();
    scaling("append", "appendMessages", "messages held", "append-scaling.png",
        Target.APPEND_SCALING);
    scaling("page", "page (org + phase, 50)", "rows in table", "page-scaling.png",
        Target.PAGE_SCALING);
    simpleGroup("analytics", "Aggregates (issue 13)", "AFU-9's agent-performance report (count,"
        + " sum of cost, average duration and input tokens per model over the last 7 days, failed"
        + " runs excluded) through `aggregate` over the executions of one org (each with a"
        + " message and a tool call, spread over 30 days and 8 models), beside the GROUP BY a"
        + " careful engineer writes by hand (SQLite `json_extract`, PostgreSQL `->>` with numeric"
        + " casts). The retention pass's figure is in the targets table: the longest wait of a"
        + " probe thread creating agents during `deleteWhere` of the oldest 10%, minus its idle"
        + " median.");
    simpleGroup("concurrent", "8 threads creating concurrently", "Each run: every thread creates"
        + " its share of agents at once; the figure is wall time divided by creates (lower is"
        + " better). Errors are counted over every run, warm-up included.");
    simpleGroup("open", "Opening an existing store", "Cold: a new JVM per open (one unmeasured"
        + " child first), the library's `AgentStore.open` of the store the other workloads filled,"
        + " then one `get`, beside a new JVM opening a plain JDBC connection to the same database"
        + " and running one query. Warm: the same in this JVM after warm-up, including close.");
    simpleGroup("artifacts", "Artifacts", "Put: a file streamed into `store.artifacts().put` of a"
        + " local store (`FileSystemArtifactStore`: temp file, SHA-256, fsync, atomic rename,"
        + " directory fsync) beside `cp` + `sync FILE` and `Files.copy` + fsync of the same file"
        + " on the same disk. Get: the stored artifact streamed through `get` into a file on the"
        + " same disk and fsynced, beside the same two copies of the stored file. Read only: `get`"
        + " to a discarding loop beside a `FileChannel` read. Throughput in MiB/s (higher is"
        + " better), so the ratio is library / copy throughput. Run in a child JVM with `"
        + ArtifactWorkload.HEAP + "`; heap growth is the sum of the heap pools' peak usage after"
        + " a GC and a peak reset, minus the usage before (an upper bound).");
    ratioPlot();
    misses();
    baselines();
    rerun();
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  private void header() {
    md.append("# agentstore benchmarks\n\n");
    md.append("Generated ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC).format(started)).append(" by `").append(COMMAND)
        .append(cfg.quick() ? " -Dbench.quick=true" : "").append("` in ")
        .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s.\n\n");
    if (cfg.quick()) {
      md.append("> **QUICK SMOKE RUN**: sizes are reduced (appendMessages at ")
          .append(levels(cfg.appendLevels())).append(" messages, pages at ")
          .append(levels(cfg.pageLevels())).append(" rows, ").append(cfg.artifactBytes() >> 20)
          .append(" MiB artifacts) and only ").append(cfg.runs()).append(" runs; these figures"
          + " check that the harness works and are not the benchmark's results.\n\n");
    }
    md.append("Every figure is a ratio taken in the same run: the library operation beside a raw"
        + " JDBC baseline running the same statements against the same database with the same"
        + " durability settings (see [How the baselines match the library's SQL]"
        + "(#how-the-baselines-match-the-librarys-sql)). Each workload had ").append(cfg.warmups())
        .append(" warm-up run(s) and ").append(cfg.runs()).append(" measured runs; in every run"
        + " the library and the baseline ran back to back, alternating which went first. Tables"
        + " give min / median / max over the measured runs; the ratio is taken per run (library"
        + " / baseline) and then summarised. Targets are judged on medians.\n\n"
        + "**That raw baseline is a diagnostic, not the target:** it replays the library's own"
        + " statements, so it measures jOOQ and codec overhead, not the design. The honest"
        + " comparison (issue 17: minimal JDBC with its own schema and Hibernate, same durable"
        + " result) is the section [Against honest baselines (issue 17)]"
        + "(#against-honest-baselines-issue-17) at the end.\n\n");
  }

  private void machine() {
    md.append("## Machine and settings\n\n| setting | value |\n|---|---|\n");
    SystemInfo.describe(cfg.workDir()).forEach((k, v) -> row(k, v));
    row("runs", cfg.warmups() + " warm-up + " + cfg.runs() + " measured per workload");
    row("operations per run", cfg.singleOps() + " per write workload, " + cfg.singleOps() * 10
        + " gets, " + cfg.appendOps() + " appends, " + cfg.pageOps() + " pages, "
        + cfg.threads() + " threads × " + cfg.createsPerThread() + " creates, "
        + cfg.openRuns() + " cold opens per side");
    row("artifact size", (cfg.artifactBytes() >> 20) + " MiB, child JVM " + ArtifactWorkload.HEAP);
    settings.forEach((db, s) -> {
      md.append("\n**").append(db).append("**\n\n| setting | value |\n|---|---|\n");
      s.forEach(this::row);
    });
    md.append('\n');
  }

  private void targets() {
    md.append("## Targets\n\n| target | backend | measured on | value | result |\n"
        + "|---|---|---|---|---|\n");
    for (Verdict v : results.verdicts()) {
      md.append("| ").append(v.target().label).append(" | ").append(v.backend()).append(" | ")
          .append(v.subject()).append(" | ").append(v.shown()).append(" | **")
          .append(v.word()).append("** |\n");
    }
    long missed = results.verdicts().stream().filter(v -> !v.met()).count();
    md.append('\n').append(missed == 0 ? "Every target was met.\n\n"
        : missed + " of " + results.verdicts().size() + " checks missed; each has its cause and"
            + " fix under [Misses: cause and fix](#misses-cause-and-fix).\n\n");
  }

  private void single() {
    md.append("## Single operations\n\nOne agent per operation (create; get by id; update of the"
        + " spec with the version read; updateStatus with the version; apply of an existing"
        + " agent by org and slug). Microseconds per operation; the baseline is raw JDBC. On"
        + " PostgreSQL, the row `raw update SERIALIZABLE` is not the library: it runs the raw"
        + " update transaction at SERIALIZABLE (the library's isolation for inTransaction, with the SET"
        + " TRANSACTION it sends) beside the same at READ COMMITTED, so its ratio is what"
        + " a serializable write transaction costs.\n\n");
    for (String backend : backends()) {
      List<Result> rows = results.rows().stream()
          .filter(r -> r.backend().equals(backend) && r.group().equals("single")).toList();
      if (rows.isEmpty()) {
        continue;
      }
      md.append("**").append(backend).append("**\n\n");
      table(rows, false);
    }
  }

  private void scaling(String group, String workload, String param, String png, Target target) {
    List<Result> rows = results.rows().stream().filter(r -> r.group().equals(group)).toList();
    if (rows.isEmpty()) {
      return;
    }
    md.append("## ").append(group.equals("append") ? "appendMessages scaling"
        : "Page scaling").append("\n\n");
    md.append(group.equals("append")
        ? "One message appended per operation to an execution that already holds the given number"
            + " of messages (each run starts from fresh executions holding exactly that many)."
        : "A 50-row page of agent executions filtered by org and phase, newest first (each"
            + " operation asks for the next of 20 org/phase pairs), with the table at the given"
            + " size; the table was grown with raw batch inserts of the library's own row"
            + " format.");
    md.append(" Microseconds per operation.\n\n| backend | ").append(param)
        .append(" | library (min / median / max) | raw JDBC (min / median / max) |"
            + " ratio (min / median / max) | note |\n|---|---|---|---|---|---|\n");
    for (Result r : rows) {
      md.append("| ").append(r.backend()).append(" | ")
          .append(String.format(Locale.ROOT, "%,d", Long.parseLong(r.param()))).append(" | ")
          .append(triple(r.sample().libStats())).append(" | ").append(triple(r.sample().rawStats()))
          .append(" | ").append(ratio(r.sample().ratio())).append(" | ").append(r.note())
          .append(" |\n");
    }
    md.append('\n');
    for (Verdict v : results.verdicts()) {
      if (v.target() == target) {
        md.append("- ").append(v.backend()).append(", ").append(v.subject()).append(": ")
            .append(v.shown()).append(" (target ").append(v.target().compare.sign).append(' ')
            .append(v.target().threshold).append("×): **").append(v.word()).append("**\n");
      }
    }
    plot(png, group + " scaling");
  }

  private void simpleGroup(String group, String title, String intro) {
    List<Result> rows = results.rows().stream().filter(r -> r.group().equals(group)).toList();
    if (rows.isEmpty()) {
      return;
    }
    md.append("## ").append(title).append("\n\n").append(intro).append("\n\n");
    table(rows, true);
  }

  private void table(List<Result> rows, boolean showBackend) {
    md.append("| ").append(showBackend ? "backend | " : "").append("operation | unit | library"
        + " (min / median / max) | baseline | baseline (min / median / max) | ratio (min /"
        + " median / max) | note |\n|").append(showBackend ? "---|" : "")
        .append("---|---|---|---|---|---|---|\n");
    for (Result r : rows) {
      md.append("| ");
      if (showBackend) {
        md.append(r.backend()).append(" | ");
      }
      md.append(r.workload()).append(r.param().isEmpty() || r.group().equals("single") ? ""
          : " (" + r.param() + ")").append(" | ").append(r.unit()).append(" | ")
          .append(triple(r.sample().libStats())).append(" | ").append(r.baseline())
          .append(" | ").append(triple(r.sample().rawStats())).append(" | ")
          .append(ratio(r.sample().ratio())).append(" | ").append(r.note()).append(" |\n");
    }
    md.append('\n');
  }

  private void ratioPlot() {
    if (plots.contains("plots/ratios.png")) {
      md.append("## Ratios at a glance\n\n");
      plot("ratios.png", "library / raw ratios");
    }
  }

  /** One section per cause: the checks it made miss, then the cause and the fix. */
  private void misses() {
    md.append("## Misses: cause and fix\n\n");
    Map<String, List<Verdict>> byCause = new LinkedHashMap<>();
    for (Verdict v : results.verdicts()) {
      if (!v.met()) {
        byCause.computeIfAbsent(v.causeKey(), k -> new ArrayList<>()).add(v);
      }
    }
    if (byCause.isEmpty()) {
      md.append("None: every target was met.\n\n");
      return;
    }
    byCause.forEach((key, missed) -> {
      Verdict first = missed.get(0);
      md.append("### ").append(first.target().label).append(": ").append(Causes.title(key))
          .append("\n\nMissed: ");
      List<String> which = new ArrayList<>();
      missed.forEach(v -> which.add(v.backend() + " " + v.subject() + " (" + v.shown() + ")"));
      md.append(String.join("; ", which)).append(".\n\n");
      Causes.Cause c = Causes.of(key);
      md.append("**Cause.** ").append(c.cause()).append("\n\n**Fix.** ").append(c.fix())
          .append("\n\n");
    });
  }

  private void baselines() {
    md.append("## How the baselines match the library's SQL\n\n").append(Causes.BASELINES)
        .append("\n\n");
  }

  private void rerun() {
    md.append("## Rerun\n\n```sh\n").append(COMMAND).append("                       # full run,"
        + " writes benchmarks/REPORT.md, results.csv, plots/\n").append(COMMAND)
        .append(" -Dbench.quick=true   # one-minute smoke run into benchmarks/target/bench-quick/"
            + "\n```\n\nSet `AGENTSTORE_PG_URL` to a JDBC URL of a role that may create databases"
            + " to"
            + " run the PostgreSQL half on your own server instead of the embedded one. Other"
            + " options: see [README.md](README.md).\n");
  }

  private void plot(String png, String alt) {
    if (plots.contains("plots/" + png)) {
      md.append("\n![").append(alt).append("](plots/").append(png).append(")\n\n");
    } else {
      md.append('\n');
    }
  }

  private Set<String> backends() {
    Set<String> b = new LinkedHashSet<>();
    results.rows().forEach(r -> b.add(r.backend()));
    return b;
  }

  private void row(String k, String v) {
    md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
  }

  private static String levels(List<Integer> levels) {
    List<String> s = new ArrayList<>();
    levels.forEach(l -> s.add(String.format(Locale.ROOT, "%,d", l)));
    return String.join(" / ", s);
  }

  private static String triple(Stats s) {
    return num(s.min()) + " / **" + num(s.median()) + "** / " + num(s.max());
  }

  private static String ratio(Stats s) {
    return String.format(Locale.ROOT, "%.2f / **%.2f×** / %.2f", s.min(), s.median(), s.max());
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }
}
