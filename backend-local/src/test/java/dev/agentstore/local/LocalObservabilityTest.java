package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.UnavailableException;
import dev.agentstore.model.Organization;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.tck.ObservabilityTck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The observability suite of the TCK on SQLite, and SQLite's own meters: lock waits between two
 * stores on one file, and its writer and reader pools.
 */
class LocalObservabilityTest extends ObservabilityTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return LocalStores.newBuilder();
  }

  @Override
  protected String dbSystem() {
    return "sqlite";
  }

  /**
   * Holds the write lock of the store's file from an unobserved handle, in a transaction that
   * stays open for {@code holdMs} after its first write, while {@code write} runs.
   */
  private void whileLocked(long holdMs, Runnable write) throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CompletableFuture<Organization> holder = CompletableFuture.supplyAsync(
        () -> store.inTransaction(tx -> {
          Organization org = newOrg(tx);
          locked.countDown();
          try {
            Thread.sleep(holdMs);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return org;
        }));
    assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
    write.run();
    assertThat(holder.get(10, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void aWriteThatWaitsForAnotherHandlesLockIsCountedAndSucceeds() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AgentStore waiter = open(location.observer(new MicrometerObserver(registry)));
    Organization[] written = new Organization[1];
    long started = System.nanoTime();
    whileLocked(400, () -> written[0] = newOrg(waiter));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(store.organizations().get(written[0].id())).isPresent();
    assertThat(registry.get(MicrometerObserver.BUSY_WAITS).counter().count()).isEqualTo(1.0);
    double sleptSeconds = registry.get(MicrometerObserver.BUSY_TIME).counter().count();
    assertThat(sleptSeconds).as("slept about as long as the lock was held (took %d ms)", tookMs)
        .isGreaterThan(0.2).isLessThan(tookMs / 1000.0 + 0.05);
    assertThat(registry.find(MicrometerObserver.BUSY_TIMEOUTS).counter()).isNull();
  }

  @Test
  void aWaitPastTheBusyTimeoutFailsUnavailableAndIsCounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AgentStore waiter = open(location.option("busyTimeoutMs", "100")
        .observer(new MicrometerObserver(registry)));
    long before = store.organizations().count(Query.all());
    long[] tookMs = new long[1];
    whileLocked(1500, () -> {
      long started = System.nanoTime();
      assertThatThrownBy(() -> newOrg(waiter)).isInstanceOf(UnavailableException.class);
      tookMs[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    });

    assertThat(tookMs[0]).as("gave up after the 100 ms busy timeout").isBetween(90L, 1000L);
    Counter timeouts = registry.get(MicrometerObserver.BUSY_TIMEOUTS).counter();
    assertThat(timeouts.count()).isEqualTo(1.0);
    assertThat(registry.get(MicrometerObserver.BUSY_WAITS).counter().count()).isEqualTo(1.0);
    assertThat(registry.get(MicrometerObserver.BUSY_TIME).counter().count())
        .isBetween(0.08, 0.2);
    // Only the holder's organization was written.
    assertThat(store.organizations().count(Query.all())).isEqualTo(before + 1);
  }

  @Test
  void theWriterAndReaderPoolsAreGauged() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    open(location.option("readPoolSize", "3").observer(new MicrometerObserver(registry)));
    assertThat(registry.find(MicrometerObserver.POOL + ".max").gauges())
        .extracting(g -> g.getId().getTag("pool") + "=" + (int) g.value())
        .containsExactlyInAnyOrder("agentstore-writer=1", "agentstore-reader=3");
    assertThat(registry.find(MicrometerObserver.POOL + ".pending").gauges())
        .extracting(Gauge::value).containsOnly(0.0);
  }
}
