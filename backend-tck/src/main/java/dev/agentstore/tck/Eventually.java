package dev.agentstore.tck;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Waits for something another thread or process makes true: checks it at once, then again at
 * growing intervals (1 ms up to 20 ms), and fails with what it waited for and the last value seen
 * after the timeout. This is the only way the TCK waits; no test sleeps to let something happen,
 * and a test that must show something does not happen writes a later change and waits for that
 * instead (changes arrive in order).
 *
 * <p>Usage: {@code Eventually.until("all changes delivered", () -> got.size() == 6);}
 */
public final class Eventually {
  /** How long {@link #until} waits: long enough for a loaded CI machine, never reached when green. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Eventually() {}

  /** Waits up to {@link #TIMEOUT} for {@code condition} to hold. */
  public static void until(String what, Callable<Boolean> condition) throws InterruptedException {
    equalTo(what, condition, Boolean.TRUE);
  }

  /**
   * Waits up to {@link #TIMEOUT} for {@code actual} to return {@code expected}, and returns it;
   * the failure names the last value seen.
   */
  public static <T> T equalTo(String what, Callable<T> actual, T expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long pauseMs = 1;
    T last;
    while (true) {
      try {
        last = actual.call();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError("checking " + what + " failed: " + e, e);
      }
      if (expected.equals(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for "
            + what + "; last value: " + last + ", expected: " + expected);
      }
      TimeUnit.MILLISECONDS.sleep(pauseMs);
      pauseMs = Math.min(pauseMs * 2, 20);
    }
  }
}
