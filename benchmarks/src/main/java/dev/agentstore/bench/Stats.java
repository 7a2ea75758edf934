package dev.agentstore.bench;

import java.util.Arrays;

/**
 * Minimum, median and maximum of a set of measured values (one per run).
 *
 * <p>Usage: {@code Stats s = Stats.of(new double[] {1.2, 1.1, 1.3}); s.median();}
 *
 * @param min the smallest value
 * @param median the middle value (mean of the two middle ones for an even count)
 * @param max the largest value
 * @param n how many values
 */
record Stats(double min, double median, double max, int n) {

  /** The statistics of {@code values}; an empty array gives NaN. */
  static Stats of(double[] values) {
    if (values.length == 0) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int mid = v.length / 2;
    double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return new Stats(v[0], median, v[v.length - 1], v.length);
  }

  /** Element-wise {@code a[i] / b[i]}: the per-run ratios. */
  static double[] ratios(double[] a, double[] b) {
    double[] r = new double[Math.min(a.length, b.length)];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] / b[i];
    }
    return r;
  }
}
