package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.StoreBackends;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SQLite runs one write transaction at a time, and the backend hands the turn over in arrival
 * order: a thread that commits and begins its next write at once (a retention pass between its
 * batches) goes behind a writer already waiting, instead of winning the connection back.
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

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
