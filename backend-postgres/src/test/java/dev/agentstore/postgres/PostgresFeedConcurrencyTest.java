package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.tck.HistoryTck;
import dev.agentstore.tck.TckSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL commits history writers in parallel and still keeps the change feed gapless: two
 * transactions hold history sequence numbers at once, and tailing readers racing eight writers
 * (some of which hold a sequence number open for a while) each see every committed change exactly
 * once, in order.
 */
class PostgresFeedConcurrencyTest extends TckSupport {
  private static final long WAIT_S = 60;

  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }

  @Test
  void aHistoryWriterCommitsWhileAnotherHoldsItsSequenceNumberOpen() throws Exception {
    String org = newOrg().id();
    CountDownLatch aHoldsItsNumber = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> store.inTransaction(tx -> {
        Agent first = newAgent(tx, org, unique("first"));
        assertThat(tx.history().list(first.id())).hasSize(1); // inserts A's history row now
        aHoldsItsNumber.countDown();
        releaseA.await(WAIT_S, TimeUnit.SECONDS);
        return null;
      }));
      assertThat(aHoldsItsNumber.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
      // One ordering lock for all history writers would keep B waiting until A ends.
      Future<Agent> b = pool.submit(() -> newAgent(store, org, unique("second")));
      assertThat(b.get(WAIT_S, TimeUnit.SECONDS).metadata().version()).isEqualTo(1);
      assertThat(a.isDone()).as("A still open when B committed").isFalse();
      releaseA.countDown();
      a.get(WAIT_S, TimeUnit.SECONDS);
    } finally {
      releaseA.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void tailingReadersSeeEveryCommitOfEightWritersExactlyOnceInOrder() throws Exception {
    String org = newOrg().id();
    long mark = HistoryTck.head(store);
    int writers = 8;
    int perWriter = 60;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        writes.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            if (i % 6 == 5) {
              // A caller's transaction that inserts its history row early and stays open a
              // moment, so readers meet sequence numbers held by transactions still running.
              store.inTransaction(tx -> {
                Agent held = newAgent(tx, org, unique("held"));
                tx.history().list(held.id());
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4));
                return null;
              });
            } else {
              Agent a = newAgent(store, org, unique("w"));
              if (i % 3 == 0) {
                store.agents().update(a);
              }
            }
          }
          return null;
        }));
      }
      List<Future<List<ResourceVersion>>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        int limit = 7 + r * 6;
        readers.add(pool.submit(() -> {
          start.await();
          List<ResourceVersion> seen = new ArrayList<>();
          long last = mark;
          while (true) {
            // Read before the poll: once the writers were done, an empty page means caught up.
            boolean writersDone = !writing.get();
            List<ResourceVersion> page = store.changes().since(last, limit);
            seen.addAll(page);
            if (page.isEmpty() && writersDone) {
              return seen;
            }
            last = page.isEmpty() ? last : page.get(page.size() - 1).sequence();
          }
        }));
      }
      start.countDown();
      for (Future<?> f : writes) {
        f.get(WAIT_S * 3, TimeUnit.SECONDS);
      }
      writing.set(false);
      List<ResourceVersion> committed = HistoryTck.changesAfter(store, mark);
      assertThat(committed).hasSize(writers * entriesPerWriter(perWriter));
      for (Future<List<ResourceVersion>> r : readers) {
        List<ResourceVersion> seen = r.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(seen).extracting(ResourceVersion::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(seen).containsExactlyElementsOf(committed);
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  /** What one writer above records: an entry per create, one more per update. */
  private static int entriesPerWriter(int perWriter) {
    int entries = 0;
    for (int i = 0; i < perWriter; i++) {
      entries += i % 6 != 5 && i % 3 == 0 ? 2 : 1;
    }
    return entries;
  }
}
