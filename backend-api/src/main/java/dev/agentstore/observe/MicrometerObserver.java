package dev.agentstore.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * Micrometer metrics of a store's operations: a timer {@code agentstore.operation} tagged
 * {@code kind}, {@code op} and {@code outcome} (see {@link StoreObserver#outcome}) per call, a
 * counter {@code agentstore.conflicts} (tags {@code kind}, {@code op}) per call that ended in a
 * conflict, and a counter {@code agentstore.retries} (tag {@code what}: {@code transaction} or
 * {@code edit}) per re-run after a lost race. SQLite lock waits: counters
 * {@code agentstore.busy.waits} (statements that found the database locked by another connection
 * and waited), {@code agentstore.busy.time} (seconds slept waiting) and
 * {@code agentstore.busy.timeouts} (waits that gave up after the busy timeout). Connection pools:
 * gauges {@code agentstore.pool.active}, {@code agentstore.pool.idle},
 * {@code agentstore.pool.pending} (threads waiting for a connection) and
 * {@code agentstore.pool.max}, tag {@code pool} (the pool's name; summed over the open stores
 * that share it). Needs {@code io.micrometer:micrometer-core} on the class path.
 *
 * <p>Usage: {@code AgentStore.builder().uri("local:/tmp/s").observer(new MicrometerObserver(registry)).open()}
 */
public final class MicrometerObserver implements StoreObserver {
  /** The timer of every operation. */
  public static final String OPERATION = "agentstore.operation";
  /** The counter of operations that ended in a conflict. */
  public static final String CONFLICTS = "agentstore.conflicts";
  /** The counter of re-runs after a lost race. */
  public static final String RETRIES = "agentstore.retries";
  /** The counter of SQLite lock waits. */
  public static final String BUSY_WAITS = "agentstore.busy.waits";
  /** The counter of seconds SQLite connections slept waiting for a lock. */
  public static final String BUSY_TIME = "agentstore.busy.time";
  /** The counter of SQLite lock waits that gave up after the busy timeout. */
  public static final String BUSY_TIMEOUTS = "agentstore.busy.timeouts";
  /** The prefix of the pool gauges: {@code active}, {@code idle}, {@code pending}, {@code max}. */
  public static final String POOL = "agentstore.pool";

  private final MeterRegistry registry;
  private final Map<String, List<PoolUsage>> pools = new ConcurrentHashMap<>();

  /** Reports to {@code registry}. */
  public MicrometerObserver(MeterRegistry registry) {
    if (registry == null) {
      throw new dev.agentstore.InvalidArgumentException("registry", "required");
    }
    this.registry = registry;
  }

  @Override
  public Operation start(String kind, String op) {
    Timer.Sample sample = Timer.start(registry);
    return failure -> {
      String outcome = StoreObserver.outcome(failure);
      sample.stop(Timer.builder(OPERATION)
          .description("agentstore repository operations")
          .tags("kind", kind, "op", op, "outcome", outcome)
          .register(registry));
      if ("conflict".equals(outcome)) {
        Counter.builder(CONFLICTS).tags("kind", kind, "op", op).register(registry).increment();
      }
    };
  }

  @Override
  public void retried(String what) {
    Counter.builder(RETRIES).tags("what", what).register(registry).increment();
  }

  @Override
  public void busyWaited(int attempt, long sleptNanos) {
    if (attempt == 0) {
      Counter.builder(BUSY_WAITS).description("SQLite lock waits").register(registry).increment();
    }
    Counter.builder(BUSY_TIME).baseUnit("seconds").description("time slept waiting for a lock")
        .register(registry).increment(sleptNanos / 1e9);
  }

  @Override
  public void busyTimedOut(long waitedNanos) {
    Counter.builder(BUSY_TIMEOUTS).description("SQLite lock waits that gave up")
        .register(registry).increment();
  }

  @Override
  public Runnable watchPool(String pool, PoolUsage usage) {
    List<PoolUsage> open = pools.computeIfAbsent(pool, name -> {
      List<PoolUsage> list = new CopyOnWriteArrayList<>();
      gauge(name, "active", "connections lent out", list, PoolUsage::active);
      gauge(name, "idle", "open connections not lent out", list, PoolUsage::idle);
      gauge(name, "pending", "threads waiting for a connection", list, PoolUsage::pending);
      gauge(name, "max", "the most connections", list, PoolUsage::max);
      return list;
    });
    open.add(usage);
    return () -> open.remove(usage);
  }

  private void gauge(String pool, String what, String description, List<PoolUsage> open,
      ToIntFunction<PoolUsage> read) {
    // The map holds the list as long as this observer lives (Micrometer's gauge holds it weakly).
    Gauge.builder(POOL + "." + what, open, list -> list.stream().mapToInt(read).sum())
        .description(description).tag("pool", pool).register(registry);
  }
}
