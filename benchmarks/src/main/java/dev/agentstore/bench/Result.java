package dev.agentstore.bench;

/**
 * One measured row of the report: a workload (at one size) on one backend, the library beside
 * its baseline over the measured runs.
 *
 * <p>Usage: {@code results.add(new Result("SQLite", "single", "create", "", "µs/op", sample, "raw JDBC", ""));}
 *
 * @param backend {@code SQLite}, {@code PostgreSQL} or {@code files}
 * @param group the workload group ({@link BenchConfig#ALL_GROUPS})
 * @param workload the operation
 * @param param the size it ran at (messages held, rows in the table), or empty
 * @param unit the unit of both sides' values ({@code µs/op}, {@code ms}, {@code MiB/s})
 * @param sample the per-run values
 * @param baseline what the library is compared with
 * @param note extra facts (errors counted, heap growth), or empty
 */
record Result(String backend, String group, String workload, String param, String unit,
    Sample sample, String baseline, String note) {

  /** Whether larger values are better (throughput) rather than worse (time). */
  boolean higherIsBetter() {
    return unit.endsWith("/s");
  }
}
