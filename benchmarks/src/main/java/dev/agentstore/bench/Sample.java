package dev.agentstore.bench;

/**
 * The measured runs of one workload: per run, the library's and the raw baseline's value (time
 * per operation in microseconds, or another unit the workload names), taken back to back.
 *
 * <p>Usage: {@code Sample s = harness.measure(trial, 200); s.ratio().median();}
 *
 * @param lib the library's value of each run
 * @param raw the raw baseline's value of each run
 */
record Sample(double[] lib, double[] raw) {

  /** The library's statistics. */
  Stats libStats() {
    return Stats.of(lib);
  }

  /** The baseline's statistics. */
  Stats rawStats() {
    return Stats.of(raw);
  }

  /** The statistics of the per-run ratio library / raw. */
  Stats ratio() {
    return Stats.of(Stats.ratios(lib, raw));
  }
}
