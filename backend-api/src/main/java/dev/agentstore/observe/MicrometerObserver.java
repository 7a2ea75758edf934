package dev.agentstore.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer metrics of a store's operations: a timer {@code agentstore.operation} tagged
 * {@code kind}, {@code op} and {@code outcome} (see {@link StoreObserver#outcome}) per call, a
 * counter {@code agentstore.conflicts} (tags {@code kind}, {@code op}) per call that ended in a
 * conflict, and a counter {@code agentstore.retries} (tag {@code what}: {@code transaction} or
 * {@code edit}) per re-run after a lost race. Needs {@code io.micrometer:micrometer-core} on the
 * class path.
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

  private final MeterRegistry registry;

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
}
