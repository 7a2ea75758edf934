package dev.agentstore.bench;

/**
 * Runs a workload's warm-up and measured runs. Each run times the library and the raw baseline
 * back to back on the same database: the run's operations are cut into slices, and the two sides
 * take turns slice by slice (alternating which goes first), so a burst of noise from the machine
 * lands on both sides alike; it records each side's time per operation over the whole run.
 *
 * <p>Usage: {@code Sample s = new Harness(cfg.warmups(), cfg.runs()).measure(trial, 200);}
 */
final class Harness {
  /** Turns per run when a workload does not say otherwise. */
  static final int SLICES = 10;
  private final int warmups;
  private final int runs;

  /** A harness doing {@code warmups} unmeasured and {@code runs} measured runs. */
  Harness(int warmups, int runs) {
    this.warmups = warmups;
    this.runs = runs;
  }

  /**
   * One side of a workload: {@link #run} performs {@code ops} operations; {@link Trial#setUp} runs
   * untimed before each run.
   */
  @FunctionalInterface
  interface Side {
    /** Performs {@code ops} operations. */
    void run(int ops) throws Exception;
  }

  /** A workload measured as library beside raw baseline. */
  interface Trial {
    /** Untimed preparation before run {@code run} (negative for warm-ups). */
    default void setUp(int run) throws Exception {}

    /** The library side. */
    Side lib();

    /** The raw JDBC (or plain file) side. */
    Side raw();
  }

  /** One operation of a side; {@code i} counts that side's operations within the current slice. */
  @FunctionalInterface
  interface Op {
    /** Performs operation {@code i}. */
    void run(int i) throws Exception;
  }

  /** Untimed preparation before run {@code run} (negative for warm-ups). */
  @FunctionalInterface
  interface SetUp {
    /** Prepares run {@code run}. */
    void run(int run) throws Exception;
  }

  /** A trial doing {@code lib} and {@code raw} once per operation. */
  static Trial trial(Op lib, Op raw) {
    return trial(run -> { }, lib, raw);
  }

  /** A trial doing {@code lib} and {@code raw} once per operation, after {@code setUp} per run. */
  static Trial trial(SetUp setUp, Op lib, Op raw) {
    return new Trial() {
      @Override
      public void setUp(int run) throws Exception {
        setUp.run(run);
      }

      @Override
      public Side lib() {
        return n -> repeat(lib, n);
      }

      @Override
      public Side raw() {
        return n -> repeat(raw, n);
      }
    };
  }

  private static void repeat(Op op, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      op.run(i);
    }
  }

  /** Measures {@code trial}, {@code ops} operations per side per run, in microseconds per op. */
  Sample measure(Trial trial, int ops) {
    return measure(trial, ops, SLICES);
  }

  /**
   * Measures {@code trial}: per run, {@code ops} operations per side in {@code slices} turns
   * (1: each side runs all its operations at once), in microseconds per operation.
   */
  Sample measure(Trial trial, int ops, int slices) {
    double[] lib = new double[runs];
    double[] raw = new double[runs];
    int turns = Math.max(1, Math.min(slices, ops));
    for (int i = -warmups; i < runs; i++) {
      try {
        trial.setUp(i);
        long libNanos = 0;
        long rawNanos = 0;
        int done = 0;
        for (int t = 0; t < turns; t++) {
          int n = (ops - done) / (turns - t);
          done += n;
          boolean libFirst = Math.floorMod(i + t, 2) == 0;
          for (int side = 0; side < 2; side++) {
            boolean isLib = (side == 0) == libFirst;
            long nanos = nanos(isLib ? trial.lib() : trial.raw(), n);
            if (isLib) {
              libNanos += nanos;
            } else {
              rawNanos += nanos;
            }
          }
        }
        if (i >= 0) {
          lib[i] = libNanos / 1_000.0 / ops;
          raw[i] = rawNanos / 1_000.0 / ops;
        }
      } catch (Exception e) {
        throw new IllegalStateException("run " + i + " failed: " + e, e);
      }
    }
    return new Sample(lib, raw);
  }

  private static long nanos(Side side, int ops) throws Exception {
    long t0 = System.nanoTime();
    side.run(ops);
    return System.nanoTime() - t0;
  }
}
