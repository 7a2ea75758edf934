package dev.agentstore.internal;

import dev.agentstore.UnavailableException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The pause between edit attempts (and write transaction runs) after a conflict: a random time up to 1, 2, 4 ... 32 ms (full
 * jitter), so editors that collided once do not collide again in lockstep.
 *
 * <p>Usage: {@code EditBackoff.pause(attempt);}
 */
final class EditBackoff {
  private static final int MAX_SHIFT = 5;

  private EditBackoff() {}

  /** Sleeps before retry number {@code attempt + 1}; an interrupt ends the edit or transaction. */
  static void pause(int attempt) {
    long capMicros = 1000L << Math.min(attempt, MAX_SHIFT);
    try {
      TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(capMicros + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting to retry after a conflict", e);
    }
  }
}
