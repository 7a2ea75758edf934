package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.Metadata;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.UnavailableException;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Concurrency: create races with exactly one winner, lost updates prevented, concurrent appends
 * and writers without busy errors, keyset pages that stay exact while another thread inserts,
 * and a write that cannot get its turn in time failing as retryable (on a backend whose test
 * subclass sets a short wait: {@link #withShortWriteWait}).
 *
 * <p>Usage: {@code class LocalConcurrencyTest extends ConcurrencyTck { ...newStoreBuilder()... }}
 */
public abstract class ConcurrencyTck extends TckSupport {
  private static final int THREADS = 16;

  /**
   * {@code builder} set to run one write at a time and to let a write wait at most 250 ms for its
   * turn (its connection or the single writer's), for
   * {@code aWriteThatCannotGetItsTurnInTimeIsUnavailableAndTheHolderStillCommits}; null, the
   * default, skips that check on a backend without such options.
   */
  protected AgentStore.Builder withShortWriteWait(AgentStore.Builder builder) {
    return null;
  }

  /**
   * A write that waits past the store's wait for its turn, behind a transaction that holds it,
   * fails as {@link UnavailableException} (retryable) and writes nothing; the holder commits.
   */
  @Test
  void aWriteThatCannotGetItsTurnInTimeIsUnavailableAndTheHolderStillCommits() throws Exception {
    AgentStore.Builder shortWait = withShortWriteWait(newStoreBuilder());
    Assumptions.assumeTrue(shortWait != null, "skipped: no short write wait on this backend");
    AgentStore s = open(shortWait);
    String org = newOrg(s).id();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try {
      Future<?> held = holder.submit(() -> {
        s.runInTransaction(tx -> {
          newAgent(tx, org, "holder");
          holding.countDown();
          assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        });
        return null;
      });
      assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> newAgent(s, org, "waiter"))
          .isInstanceOf(UnavailableException.class);
      release.countDown();
      held.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      holder.shutdownNow();
    }
    assertThat(s.agents().list(Query.builder().org(org).build()).items())
        .extracting(a -> a.metadata().name()).containsExactly("holder");
  }

  @Test
  void sixteenThreadsCreatingTheSameSlugHaveExactlyOneWinner() throws Exception {
    String org = newOrg().id();
    AtomicInteger won = new AtomicInteger();
    List<Throwable> lost = Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(THREADS, thread -> {
      try {
        store.agents().create(new Agent(Metadata.of(org, "Race Winner"),
            AgentSpec.builder().instructions("race").build(), null));
        won.incrementAndGet();
      } catch (AgentStoreException e) {
        lost.add(e);
      }
    });
    assertThat(won.get()).isEqualTo(1);
    assertThat(lost).hasSize(THREADS - 1).allMatch(e -> e instanceof AlreadyExistsException);
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(1);
  }

  @Test
  void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
    String org = newOrg().id();
    Agent a = newAgent(store, org, "contended");
    AtomicInteger won = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    Concurrently.run(8, thread -> {
      try {
        store.agents().update(a.withMetadata(a.metadata().withLabel("writer", "w" + thread)));
        won.incrementAndGet();
      } catch (ConflictException e) {
        conflicts.incrementAndGet();
      }
    });
    assertThat(won.get()).isEqualTo(1);
    assertThat(conflicts.get()).isEqualTo(7);
    assertThat(store.agents().get(a.id()).orElseThrow().metadata().version()).isEqualTo(2);
  }

  @Test
  void concurrentAppendsLoseNothingAndRaiseNoBusyErrors() throws Exception {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    int threads = 8;
    int perThread = 25;
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(threads, thread -> {
      for (int i = 0; i < perThread; i++) {
        try {
          store.agentExecutions().appendMessages(e.id(),
              AgentMessage.of(MessageType.AI, thread + ":" + i, Instant.EPOCH));
        } catch (RuntimeException ex) {
          errors.add(ex);
        }
      }
    });
    assertThat(errors).isEmpty();
    AgentExecution back = store.agentExecutions().get(e.id()).orElseThrow();
    List<String> contents = back.status().messages().stream().map(AgentMessage::content)
        .toList();
    assertThat(contents).hasSize(threads * perThread).doesNotHaveDuplicates();
    assertThat(back.metadata().version()).isEqualTo(1 + threads * perThread);
    for (int t = 0; t < threads; t++) {
      String prefix = t + ":";
      List<String> own = contents.stream().filter(c -> c.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        expected.add(prefix + i);
      }
      assertThat(own).as("thread %d's messages keep their order", t).isEqualTo(expected);
    }
  }

  @Test
  void eightWritersCreatingConcurrentlyGetNoBusyOrRetryErrors() throws Exception {
    String org = newOrg().id();
    int perThread = 40;
    Set<Class<?>> failures = ConcurrentHashMap.newKeySet();
    AtomicInteger unavailable = new AtomicInteger();
    Concurrently.run(8, thread -> {
      for (int i = 0; i < perThread; i++) {
        try {
          newAgent(store, org, "w" + thread + "-" + i);
        } catch (UnavailableException ex) {
          unavailable.incrementAndGet();
        } catch (RuntimeException ex) {
          failures.add(ex.getClass());
        }
      }
    });
    assertThat(unavailable.get()).as("busy/unavailable errors").isZero();
    assertThat(failures).isEmpty();
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(8 * perThread);
  }

  @Test
  void pagesOverTenThousandRowsStayExactWhileAnotherThreadInserts() throws Exception {
    String org = newOrg().id();
    int rows = 10_000;
    List<String> existing = new ArrayList<>();
    for (int batch = 0; batch < rows / 500; batch++) {
      int b = batch;
      existing.addAll(store.inTransaction(tx -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          ids.add(newAgent(tx, org, "row-" + b + "-" + i).id());
        }
        return ids;
      }));
    }
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger inserted = new AtomicInteger();
    List<Throwable> writerErrors = Collections.synchronizedList(new ArrayList<>());
    Thread writer = new Thread(() -> {
      // Bounded, so a slow reader cannot make the table grow without end.
      while (reading.get() && inserted.get() < rows) {
        try {
          newAgent(store, org, "late-" + inserted.incrementAndGet());
        } catch (RuntimeException e) {
          writerErrors.add(e);
          return;
        }
      }
    }, "tck-inserter");
    writer.start();
    List<String> seen = new ArrayList<>();
    try {
      Query q = Query.builder().org(org).pageSize(50).build();
      String token = null;
      do {
        Page<Agent> p = store.agents().list(q.withPageToken(token));
        p.items().forEach(a -> seen.add(a.id()));
        token = p.nextPageToken();
      } while (token != null);
    } finally {
      reading.set(false);
      writer.join(60_000);
    }
    assertThat(writerErrors).isEmpty();
    assertThat(inserted.get()).as("the writer ran while pages were read").isPositive();
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).containsAll(existing);
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * A declared kind's versioned writes race like a built-in kind's: of eight updates of one
   * version exactly one wins, and concurrent edits (read, change, versioned write, retry) of a
   * declared field lose no increment.
   */
  @Test
  void aDeclaredKindsConcurrentUpdatesHaveOneWinnerAndEditsLoseNothing() throws Exception {
    String org = newOrg().id();
    var w = newWidget(store, org, "contended", "red", 0, "0");
    AtomicInteger won = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    Concurrently.run(8, thread -> {
      try {
        widgets(store).update(w.withMetadata(w.metadata().withLabel("writer", "w" + thread)));
        won.incrementAndGet();
      } catch (ConflictException e) {
        assertThat(e.kind()).contains(Samples.WIDGET_KIND);
        conflicts.incrementAndGet();
      }
    });
    assertThat(won.get()).isEqualTo(1);
    assertThat(conflicts.get()).isEqualTo(7);
    assertThat(widgets(store).get(w.id()).orElseThrow().metadata().version()).isEqualTo(2);

    // An edit that loses more races than its bounded retries is a ConflictException (the
    // contract); every edit that returned made exactly one increment.
    AtomicInteger edits = new AtomicInteger();
    Concurrently.run(4, thread -> {
      for (int i = 0; i < 10; i++) {
        try {
          widgets(store).edit(w.id(), cur -> cur.withSpec(cur.spec().deepCopy()
              .put("size", cur.spec().get("size").asLong() + 1)));
          edits.incrementAndGet();
        } catch (ConflictException gaveUp) {
          assertThat(gaveUp.kind()).contains(Samples.WIDGET_KIND);
        }
      }
    });
    var last = widgets(store).get(w.id()).orElseThrow();
    assertThat(edits.get()).isPositive();
    assertThat(last.spec().get("size").asLong()).as("no lost update").isEqualTo(edits.get());
    assertThat(last.metadata().version()).isEqualTo(2 + edits.get());
    assertThat(widgets(store).count(Query.builder().where("spec.size", edits.get()).build()))
        .as("the key column follows the JSON").isEqualTo(1);
  }
}
