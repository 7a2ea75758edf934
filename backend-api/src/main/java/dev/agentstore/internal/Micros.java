package dev.agentstore.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Time bounds at the precision timestamps are stored with (microseconds; {@link StoreCore}
 * truncates the clock). A stored time c is strictly after t exactly when it is strictly after t
 * floored to a microsecond, and strictly before t exactly when it is strictly before t rounded
 * up; so bounds are normalised here, once, instead of each database truncating or rounding a
 * sub-microsecond bound its own way (SQLite's integer column truncated, PostgreSQL rounds).
 *
 * <p>Usage: {@code StoredQuery.builder(n).createdBefore(Micros.ceil(q.createdBefore()))}
 */
final class Micros {
  private Micros() {}

  /** {@code t} floored to a microsecond (null stays null). */
  static Instant floor(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code t} rounded up to a microsecond (null stays null). */
  static Instant ceil(Instant t) {
    if (t == null) {
      return null;
    }
    Instant down = t.truncatedTo(ChronoUnit.MICROS);
    return down.equals(t) ? t : down.plus(1, ChronoUnit.MICROS);
  }

  /**
   * Microseconds since the epoch, floored (the form {@code metadata.expiresAt} takes in the
   * stored metadata JSON, so an index and a bound compare integers). Seconds times a million
   * cannot overflow in years 1 to 9999.
   */
  static long toEpochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /** The instant {@code micros} microseconds after the epoch. */
  static Instant fromEpochMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
