package dev.agentstore.bench;

/**
 * The targets of issue 7 that results are judged against.
 *
 * <p>Usage: {@code boolean met = Target.SINGLE_OP.met(1.13);}
 */
enum Target {
  /** Library ≤ 1.2× raw JDBC, judged on the median of the per-run ratios. */
  SINGLE_OP("library ≤ 1.2× raw JDBC", 1.2, Compare.AT_MOST),
  /** appendMessages at the largest history ≤ 1.5× at the smallest (library medians). */
  APPEND_SCALING("appendMessages at 10,000 messages ≤ 1.5× at 10", 1.5, Compare.AT_MOST),
  /** A page at the largest table ≤ 1.5× at the smallest (library medians). */
  PAGE_SCALING("page at 1M rows ≤ 1.5× at 10k", 1.5, Compare.AT_MOST),
  /** Artifact throughput ≥ 0.8× the faster plain file copy (median of per-run ratios). */
  ARTIFACT_SPEED("artifacts ≥ 0.8× file copy", 0.8, Compare.AT_LEAST),
  /** Peak heap growth during a 1 GiB put or get below 64 MiB. */
  ARTIFACT_HEAP("artifact heap growth < 64 MiB", 64, Compare.BELOW),
  /** No busy, locked or retry error under 8 concurrent creators. */
  ZERO_BUSY("zero busy errors", 0, Compare.AT_MOST),
  /** AgentStore.open of an existing local store in a new JVM, median, below 300 ms. */
  LOCAL_OPEN("open of an existing local store < 300 ms", 300, Compare.BELOW),
  /** An aggregate over 1M executions ≤ 2× the hand-written GROUP BY (median of run ratios). */
  AGGREGATE("aggregate ≤ 2× hand-written GROUP BY", 2.0, Compare.AT_MOST),
  /** A retention pass blocks a concurrent writer for at most 200 ms beyond its idle time. */
  RETENTION_LOCK("retention pass holds no lock > 200 ms", 200, Compare.AT_MOST);

  /** How a measured value is compared with the threshold. */
  enum Compare {
    AT_MOST("≤"),
    AT_LEAST("≥"),
    BELOW("<");

    final String sign;

    Compare(String sign) {
      this.sign = sign;
    }
  }

  final String label;
  final double threshold;
  final Compare compare;

  Target(String label, double threshold, Compare compare) {
    this.label = label;
    this.threshold = threshold;
    this.compare = compare;
  }

  /** Whether {@code measured} meets this target (NaN never does). */
  boolean met(double measured) {
    if (Double.isNaN(measured)) {
      return false;
    }
    return switch (compare) {
      case AT_MOST -> measured <= threshold;
      case AT_LEAST -> measured >= threshold;
      case BELOW -> measured < threshold;
    };
  }
}
