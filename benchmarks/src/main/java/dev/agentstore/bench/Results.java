package dev.agentstore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured and judged, in the order it happened.
 *
 * <p>Usage: {@code results.add(result); results.judge(verdict); results.find("SQLite", "append", "10");}
 */
final class Results {
  private final List<Result> rows = new ArrayList<>();
  private final List<Verdict> verdicts = new ArrayList<>();

  /** Records a measurement and prints a one-line summary. */
  Result add(Result r) {
    rows.add(r);
    Stats lib = r.sample().libStats();
    Stats raw = r.sample().rawStats();
    System.out.printf("  %-10s %-28s %-9s lib %10.1f  %-12s %10.1f  ratio %.2f  %s%s%n",
        r.backend(), r.workload(), r.param(), lib.median(), shortName(r.baseline()), raw.median(),
        r.sample().ratio().median(), r.unit(), r.note().isEmpty() ? "" : "  " + r.note());
    return r;
  }

  /** Records a target verdict. */
  void judge(Verdict v) {
    verdicts.add(v);
    System.out.printf("  target %-45s %-10s %-28s %s %s%n", v.target().label, v.backend(),
        v.subject(), v.shown(), v.word());
  }

  /** Every measurement. */
  List<Result> rows() {
    return rows;
  }

  /** Every verdict. */
  List<Verdict> verdicts() {
    return verdicts;
  }

  /** The measurement of a workload at a size on a backend. */
  Optional<Result> find(String backend, String workload, String param) {
    return rows.stream().filter(r -> r.backend().equals(backend) && r.workload().equals(workload)
        && r.param().equals(param)).findFirst();
  }

  private static String shortName(String baseline) {
    return baseline.length() <= 12 ? baseline : baseline.substring(0, 12);
  }
}
