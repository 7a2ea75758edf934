package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.UnavailableException;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.StoreBackends;
import dev.agentstore.tck.Eventually;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * SQLite runs one write transaction at a time, and the backend hands the turn over in arrival
 * order: a thread that commits and begins its next write at once (a retention pass between its
 * batches) goes behind a writer already waiting, instead of winning the connection back; a writer
 * interrupted while it waits fails and keeps its interrupt.
 */
class LocalWriteTurnTest {

  @Test
  void aWriterThatBeginsAgainAtOnceGoesBehindOneAlreadyWaiting() throws Exception {
    try (AgentStore store = LocalStores.newBuilder().open()) {
      Backend backend = StoreBackends.of(store);
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch firstHeld = new CountDownLatch(1);
      Thread repeater = new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          int n = i;
          backend.write(tx -> {
            firstHeld.countDown();
            sleep(30); // a batch holding the write lock
            order.add("batch-" + n);
            return null;
          });
        }
      }, "repeater");
      repeater.start();
      assertThat(firstHeld.await(10, TimeUnit.SECONDS)).isTrue();
      int done = order.size(); // batches finished before the probe asks for its turn
      backend.write(tx -> order.add("probe"));
      repeater.join(30_000);

      assertThat(order).hasSize(11);
      assertThat(done).as("the probe arrived while batches were still to come").isLessThan(9);
      assertThat(order.indexOf("probe") - done).as("batches the probe waited for: the one"
          + " holding the turn when it arrived, and at most one that finished as it asked, in %s",
          order).isLessThanOrEqualTo(2);
    }
  }

  /**
   * A writer interrupted while it waits for its turn fails as unavailable and keeps its
   * interrupt, so the code that interrupted it (an executor shutting down) still sees it.
   */
  @Test
  void aWriterInterruptedWhileWaitingForItsTurnFailsAndKeepsItsInterrupt() throws Exception {
    try (AgentStore store = LocalStores.newBuilder().open()) {
      Backend backend = StoreBackends.of(store);
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread holder = new Thread(() -> backend.write(tx -> {
        held.countDown();
        await(release);
        return null;
      }), "holder");
      holder.start();
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicBoolean stillInterrupted = new AtomicBoolean();
      Thread waiter = new Thread(() -> {
        try {
          backend.write(tx -> "never");
        } catch (RuntimeException e) {
          failure.set(e);
        }
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }, "waiter");
      try {
        waiter.start();
        // Parked in the timed wait for the turn; an interrupt landing just before it parks
        // fails the wait as well.
        Eventually.until("the waiter waits for the turn",
            () -> waiter.getState() == Thread.State.TIMED_WAITING);
        waiter.interrupt();
        waiter.join(30_000);
      } finally {
        release.countDown();
        holder.join(30_000);
      }
      assertThat(waiter.isAlive()).isFalse();
      assertThatThrownBy(() -> {
        throw failure.get();
      }).isInstanceOf(UnavailableException.class).hasMessageContaining("write transaction");
      assertThat(stillInterrupted).as("the interrupt is kept").isTrue();
      String after = backend.write(tx -> "after");
      assertThat(after).as("the turn is free again").isEqualTo("after");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
