package dev.agentstore.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how far the heap grows while an operation runs: after a GC it notes the heap in use,
 * then a daemon thread samples the used heap every millisecond (pool peak usage alone would only
 * move at GCs) and the heap pools' peaks are read at the end; the growth is the larger of the
 * two maxima minus the starting usage. Also counts the bytes the measuring thread allocated.
 *
 * <p>Usage: {@code HeapSampler h = HeapSampler.start(); op.run(); HeapSampler.Growth g = h.stop();}
 */
final class HeapSampler {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private final List<MemoryPoolMXBean> pools = new ArrayList<>();
  private final long before;
  private final long allocatedBefore;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long max;

  /**
   * What an operation did to the heap.
   *
   * @param peakGrowthBytes peak heap in use during the operation minus the usage before it
   * @param allocatedBytes bytes allocated by the thread that ran it
   */
  record Growth(long peakGrowthBytes, long allocatedBytes) {}

  private HeapSampler() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        pools.add(p);
      }
    }
    System.gc();
    this.before = MEMORY.getHeapMemoryUsage().getUsed();
    this.max = before;
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    this.allocatedBefore = allocated();
    this.thread = new Thread(this::sample, "heap-sampler");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** GCs, notes the heap in use and starts sampling. */
  static HeapSampler start() {
    return new HeapSampler();
  }

  /** Stops sampling and returns the growth. */
  Growth stop() throws InterruptedException {
    long allocated = allocated() - allocatedBefore;
    running = false;
    thread.join();
    long peak = max;
    long poolPeaks = 0;
    for (MemoryPoolMXBean p : pools) {
      poolPeaks += p.getPeakUsage().getUsed();
    }
    return new Growth(Math.max(0, Math.max(peak, poolPeaks) - before), allocated);
  }

  private void sample() {
    while (running) {
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used > max) {
        max = used;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long allocated() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
      return t.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
