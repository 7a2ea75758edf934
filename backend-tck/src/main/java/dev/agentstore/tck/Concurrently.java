package dev.agentstore.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task on several threads released at the same instant, and waits for all of them.
 *
 * <p>Usage: {@code Concurrently.run(16, thread -> store.agents().create(...));}
 */
final class Concurrently {
  /** A task given its thread number. */
  @FunctionalInterface
  interface Task {
    /** Runs on thread {@code thread}; an exception fails the whole run. */
    void run(int thread) throws Exception;
  }

  private Concurrently() {}

  /** Starts {@code threads} copies of {@code task} together; rethrows the first failure. */
  static void run(int threads, Task task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          start.await();
          task.run(thread);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(180, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
