package dev.agentstore.bench;

import dev.agentstore.AgentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opening an existing store (the one the other workloads filled): cold, in a new JVM per open
 * ({@link OpenProbe}; the time inside the child and the child's wall time), beside a new JVM
 * opening a plain JDBC connection to the same database and running one query; and warm, in this
 * JVM after warm-up. Judges the 300 ms target for local stores on both: cold is the strict
 * reading, warm shows what an embedding application that reopens stores sees.
 *
 * <p>Usage: {@code new OpenWorkload(cfg, db, orgId, results).run();}
 */
final class OpenWorkload {
  private static final List<String> CHILD_FLAGS =
      List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
  private final BenchConfig cfg;
  private final BenchDb db;
  private final String org;
  private final Results results;

  /** The workload on {@code db}, whose store holds {@code org}. */
  OpenWorkload(BenchConfig cfg, BenchDb db, String org, Results results) {
    this.cfg = cfg;
    this.db = db;
    this.org = org;
    this.results = results;
  }

  /** Measures cold opens, then warm opens. */
  void run() throws Exception {
    cold();
    warm();
  }

  private void cold() throws Exception {
    int runs = cfg.openRuns();
    double[][] lib = new double[3][runs];
    double[][] raw = new double[3][runs];
    boolean sqlite = db.dialect() == RawStore.Dialect.SQLITE;
    String rawMode = sqlite ? "raw-sqlite" : "raw-postgres";
    String rawUri = sqlite ? ((SqliteDb) db).dir().resolve("agentstore.db").toString() : db.uri();
    for (int i = -1; i < runs; i++) {
      boolean libFirst = Math.floorMod(i, 2) == 0;
      for (int side = 0; side < 2; side++) {
        boolean isLib = (side == 0) == libFirst;
        ChildJvm.Outcome o = ChildJvm.run(CHILD_FLAGS, OpenProbe.class,
            List.of(isLib ? "lib" : rawMode),
            Map.of("BENCH_URI", isLib ? db.uri() : rawUri, "BENCH_ORG", org), 300);
        if (i >= 0) {
          double[][] into = isLib ? lib : raw;
          double open = Double.parseDouble(ChildJvm.value(o.stdout(), "open_ms"));
          into[0][i] = open;
          into[1][i] = open + Double.parseDouble(ChildJvm.value(o.stdout(), "first_query_ms"));
          into[2][i] = o.wallMs();
        }
      }
    }
    String base = "new JVM, JDBC connect";
    results.add(new Result(db.name(), "open", "cold open: open only (in child)", "", "ms",
        new Sample(lib[0], raw[0]), base, "library: AgentStore.open; raw: getConnection; "
            + census()));
    results.add(new Result(db.name(), "open", "cold open: open + first query (in child)", "",
        "ms", new Sample(lib[1], raw[1]), base + " + query", ""));
    results.add(new Result(db.name(), "open", "cold open: child JVM wall time", "", "ms",
        new Sample(lib[2], raw[2]), base + " + query", "includes JVM start and exit"));
    if (sqlite) {
      double median = Stats.of(lib[0]).median();
      results.judge(Verdict.of(Target.LOCAL_OPEN, db.name(), "cold AgentStore.open (new JVM)",
          median, String.format("%.0f ms", median), "open.cold"));
    }
  }

  /** One more, unmeasured, library child with class-load logging, summed up per library. */
  private String census() throws Exception {
    Path log = cfg.workDir().resolve("classload-" + db.name() + ".txt");
    List<String> flags = new ArrayList<>(CHILD_FLAGS);
    flags.add(ClassLoadCensus.flag(log));
    ChildJvm.run(flags, OpenProbe.class, List.of("lib"), Map.of("BENCH_URI", db.uri(),
        "BENCH_ORG", org), 300);
    try {
      return ClassLoadCensus.summarize(log);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private void warm() {
    Harness h = new Harness(Math.max(1, cfg.warmups()), cfg.runs());
    Sample s = h.measure(Harness.trial(i -> {
      try (AgentStore store = db.openStore()) {
        store.organizations().get(org).orElseThrow();
      }
    }, i -> {
      try (Connection c = db.connect()) {
        OpenProbe.rawQuery(c);
      }
    }), cfg.quick() ? 2 : 5);
    // The harness reports microseconds; the open rows are in milliseconds.
    Sample ms = new Sample(scale(s.lib(), 1e-3), scale(s.raw(), 1e-3));
    results.add(new Result(db.name(), "open", "warm open + first query (same JVM)", "", "ms", ms,
        "JDBC connect + query", "after warm-up; includes close"));
    if (db.dialect() == RawStore.Dialect.SQLITE) {
      double median = ms.libStats().median();
      results.judge(Verdict.of(Target.LOCAL_OPEN, db.name(), "warm open + get + close (same JVM)",
          median, String.format("%.0f ms", median), "open.warm"));
    }
  }

  private static double[] scale(double[] v, double f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * f;
    }
    return out;
  }
}
