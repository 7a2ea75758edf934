package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Transactions: several calls commit together or roll back whole (including their history), a
 * store opened for a transaction cannot be used after it ends, nested calls join, the outer
 * store is refused inside, checked exceptions pass through, and read transactions read one
 * snapshot without blocking writers.
 *
 * <p>Usage: {@code class LocalTransactionTest extends TransactionTck { ...newStoreBuilder()... }}
 */
public abstract class TransactionTck extends TckSupport {

  @Test
  void allCallsCommitTogether() {
    String org = newOrg().id();
    store.runInTransaction(tx -> {
      newAgent(tx, org, "one");
      newAgent(tx, org, "two");
      assertThat(tx.agents().count(Query.builder().org(org).build())).isEqualTo(2);
    });
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(2);
  }

  @Test
  void aFailureHalfWayLeavesNothing() {
    String org = newOrg().id();
    long historyBefore = store.changes().since(0, 10_000).size();
    AtomicReference<String> firstId = new AtomicReference<>();
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      firstId.set(newAgent(tx, org, "kept?").id());
      newSession(tx, org);
      newAgent(tx, org, "kept?"); // duplicate slug: fails half-way
    })).isInstanceOf(AlreadyExistsException.class);
    assertThat(store.agents().get(firstId.get())).isEmpty();
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
    assertThat(store.sessions().count(Query.builder().org(org).build())).isZero();
    assertThat(store.history().list(firstId.get())).isEmpty();
    assertThat(store.changes().since(0, 10_000)).hasSize((int) historyBefore);
  }

  /**
   * Many large writes in one transaction commit with one history row each: the history rows of a
   * transaction are inserted in bind-limited batches, not one statement (SQLite once failed it
   * with SQLITE_TOOBIG once jOOQ inlined the values past 999 binds).
   */
  @Test
  void aHundredLargeCreatesInOneTransactionCommitWithTheirHistory() {
    String org = newOrg().id();
    String big = "x".repeat(10_000);
    store.runInTransaction(tx -> {
      for (int i = 0; i < 100; i++) {
        tx.agents().create(largeAgent(org, "big-" + i, big));
      }
    });
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(100);
    assertThat(store.changes().since(0, 10_000)).filteredOn(v -> org.equals(v.org())
        && v.kind() == Kind.AGENT && v.event() == ChangeEvent.CREATED).hasSize(100);
  }

  /** A failing statement's error says what failed, never the statement with its values. */
  @Test
  void aFailedStatementsMessageHoldsNoStatementOrDocument() {
    String org = newOrg().id();
    String big = "secret-content-" + "y".repeat(10_000);
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      tx.agents().create(largeAgent(org, "same", big));
      tx.agents().create(largeAgent(org, "same", big)); // duplicate slug, refused by the database
    })).isInstanceOf(AlreadyExistsException.class).satisfies(e -> {
      assertThat(e.getMessage()).hasSizeLessThan(2_000).doesNotContain("secret-content")
          .doesNotContainIgnoringCase("insert into");
    });
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  private static Agent largeAgent(String org, String name, String description) {
    return new Agent(Metadata.of(org, name), AgentSpec.builder().description(description)
        .instructions("Be brief.").mcpServers(List.of()).skillRefs(List.of())
        .subAgents(List.of()).build(), null);
  }

  @Test
  void afterAFailedStatementTheTransactionCanOnlyRollBack() {
    String org = newOrg().id();
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newAgent(tx, org, "first");
      try {
        newAgent(tx, org, "first");
      } catch (AlreadyExistsException expected) {
        // caught and ignored: the transaction must still refuse to go on
      }
      newAgent(tx, org, "second");
    })).isInstanceOf(FailedPreconditionException.class).hasMessageContaining("roll");
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newAgent(tx, org, "first");
      try {
        newAgent(tx, org, "first");
      } catch (AlreadyExistsException expected) {
        // caught, and the work returns normally: it must not commit
      }
    })).isInstanceOf(FailedPreconditionException.class).hasMessageContaining("rolled back");
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  @Test
  void anExceptionFromTheCallerRollsBackAndPropagatesUnchanged() {
    String org = newOrg().id();
    IllegalStateException boom = new IllegalStateException("caller failure");
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newAgent(tx, org, "rolled-back");
      throw boom;
    })).isSameAs(boom);
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  @Test
  void theTransactionStoreIsDeadAfterwards() {
    String org = newOrg().id();
    AgentStore leaked = store.inTransaction(tx -> tx);
    assertThatThrownBy(() -> newAgent(leaked, org, "too-late"))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  @Test
  void nestedTransactionsJoinTheOuterOne() {
    String org = newOrg().id();
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      tx.runInTransaction(inner -> newAgent(inner, org, "inner"));
      throw new IllegalStateException("outer fails");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  @Test
  void readsInsideSeeTheTransactionsOwnWrites() {
    String org = newOrg().id();
    Agent a = store.inTransaction(tx -> {
      Agent created = newAgent(tx, org, "visible");
      assertThat(tx.agents().get(created.id())).contains(created);
      assertThat(tx.agents().getBySlug(org, "visible")).contains(created);
      return created;
    });
    assertThat(store.agents().get(a.id())).contains(a);
  }

  @Test
  void viewsInsideATransactionShareIt() {
    String org = newOrg().id();
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newAgent(tx.forOrg(org).as("alice"), org, "via-view");
      throw new IllegalStateException("undo");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  // ------------------------------------------------------------ the outer store inside

  @Test
  void aWriteThroughTheOuterStoreInsideATransactionFailsFast() {
    String org = newOrg().id();
    long start = System.nanoTime();
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newAgent(tx, org, "inner");
      newAgent(store, org, "outer"); // the mistake: store, not tx
    })).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("use the transaction's store `tx`, not the outer store");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("refused at once, not after a lock timeout").isLessThan(Duration.ofSeconds(5));
    assertThat(store.agents().count(Query.builder().org(org).build()))
        .as("neither write committed").isZero();
  }

  @Test
  void readsAndViewsOfTheOuterStoreInsideATransactionFailToo() {
    String org = newOrg().id();
    Agent a = newAgent(store, org, "existing");
    store.runInTransaction(tx -> {
      assertThatThrownBy(() -> store.agents().get(a.id()))
          .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("`tx`");
      assertThatThrownBy(() -> store.forOrg(org).agents().count(Query.all()))
          .isInstanceOf(FailedPreconditionException.class);
      assertThatThrownBy(() -> store.history().list(a.id()))
          .isInstanceOf(FailedPreconditionException.class);
      assertThatThrownBy(() -> store.runInTransaction(other -> newAgent(other, org, "nested")))
          .isInstanceOf(FailedPreconditionException.class);
      assertThat(tx.agents().get(a.id())).contains(a);
    });
    assertThat(store.agents().get(a.id())).contains(a);
  }

  @Test
  void otherThreadsKeepUsingTheOuterStoreDuringATransaction() throws Exception {
    String org = newOrg().id();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      long seenOutside = store.inTransaction(tx -> {
        newAgent(tx, org, "uncommitted");
        return other.submit(() -> store.agents().count(Query.builder().org(org).build()))
            .get(30, TimeUnit.SECONDS);
      });
      assertThat(seenOutside).as("another thread reads, without the uncommitted row").isZero();
    } finally {
      other.shutdownNow();
    }
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(1);
    newAgent(store, org, "after"); // and the thread that ran it may use the store again
  }

  // ------------------------------------------------------------ checked exceptions

  /** A checked exception of the caller's own. */
  static final class CallerException extends Exception {
    private static final long serialVersionUID = 1L;

    CallerException(String message) {
      super(message);
    }
  }

  @Test
  void aCheckedExceptionRollsBackAndPropagatesUnchanged() {
    String org = newOrg().id();
    CallerException boom = new CallerException("checked failure");
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newAgent(tx, org, "rolled-back");
      throw boom;
    })).isSameAs(boom);
    CallerException typed = null;
    try {
      store.<Agent, CallerException>inTransaction(tx -> {
        newAgent(tx, org, "also-rolled-back");
        throw new CallerException("typed");
      });
    } catch (CallerException e) { // the compiler knows X: no wrapping, no cast
      typed = e;
    }
    assertThat(typed).hasMessage("typed");
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();
  }

  // ------------------------------------------------------------ read transactions

  @Test
  void aReadTransactionSeesOneSnapshotAndDoesNotBlockWriters() throws Exception {
    String org = newOrg().id();
    newAgent(store, org, "before");
    Query q = Query.builder().org(org).build();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      long[] counts = store.readTransaction(tx -> {
        long first = tx.agents().count(q);
        long start = System.nanoTime();
        writer.submit(() -> newAgent(store, org, "meanwhile")).get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("a writer does not wait for a read transaction").isLessThan(Duration.ofSeconds(5));
        return new long[] {first, tx.agents().count(q), tx.agents().list(q).items().size()};
      });
      assertThat(counts).as("the snapshot of the first read").containsExactly(1, 1, 1);
    } finally {
      writer.shutdownNow();
    }
    assertThat(store.agents().count(q)).isEqualTo(2);
  }

  @Test
  void aWriteInAReadTransactionIsRefusedAndChangesNothing() {
    String org = newOrg().id();
    Agent a = newAgent(store, org, "read-only");
    assertThatThrownBy(() -> store.readTransaction(tx -> newAgent(tx, org, "refused")))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("read-only");
    assertThatThrownBy(() -> store.readTransaction(tx -> tx.agents().delete(a.id())))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(1);
    assertThat(store.history().list(a.id())).hasSize(1);
    Optional<Agent> read = store.readTransaction(tx -> tx.agents().get(a.id()));
    assertThat(read).contains(a);
  }

  // ------------------------------------------------------------ edit inside

  @Test
  void editInsideATransactionDoesNotRetryAConflict() {
    String org = newOrg().id();
    Agent a = newAgent(store, org, "edited");
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> store.runInTransaction(tx -> tx.agents().edit(a.id(), cur -> {
      calls.incrementAndGet();
      // Another write of the same row in between: the edit's version check must fail.
      tx.agents().update(cur.withMetadata(cur.metadata().withLabel("by", "other")));
      return cur.withMetadata(cur.metadata().withLabel("by", "edit"));
    }))).isInstanceOf(ConflictException.class);
    assertThat(calls).as("a conflict inside a transaction is final").hasValue(1);
    assertThat(store.agents().get(a.id())).contains(a);
  }

  // ------------------------------------------------------------ serializable

  /**
   * Transactions are serializable on every backend: writers that each run "list the active
   * profiles, deactivate them, activate mine" at the same time leave exactly one active, every
   * round, and each writer's call succeeds (a conflicted run is re-run by the store, not handed to
   * the caller). All writers read before any of them writes where the backend lets them
   * (PostgreSQL), which is the interleaving READ COMMITTED got wrong (two active); SQLite queues
   * them. Rounds start with no profile active (write skew: no row is written by two writers) and
   * with one active (every writer deactivates the same row).
   */
  @Test
  void concurrentReadCheckWriteTransactionsLeaveExactlyOneActive() throws Exception {
    String org = newOrg().id();
    int writers = 4;
    List<String> profiles = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      profiles.add(newAgent(store, org, "profile-" + i).id());
    }
    for (int round = 0; round < 3; round++) {
      int runs = activateConcurrently(store, org, profiles);
      assertThat(runs).as("every writer ran at least once").isGreaterThanOrEqualTo(writers);
      assertThat(active(store, org)).as("round " + round).hasSize(1);
    }
    for (String id : profiles) {
      Agent now = store.agents().get(id).orElseThrow();
      List<Long> versions = store.history().list(id).stream().map(v -> v.resourceVersion()).toList();
      assertThat(versions).as("history of " + id + ": one row per committed write, in order")
          .isEqualTo(LongStream.rangeClosed(1, now.metadata().version()).boxed()
              .toList());
    }
  }

  /** The agents of {@code org} labelled active=true. */
  protected static List<Agent> active(AgentStore s, String org) {
    return s.agents().list(Query.builder().org(org).labelSelector("active=true").pageSize(100)
        .build()).items();
  }

  /**
   * Runs one writer per profile at once, each in one transaction deactivating every active
   * profile and activating its own; returns how many times the callbacks ran in all (more than
   * the writers when the store re-ran conflicted transactions). Each callback waits (up to
   * 200 ms) until every writer has read, so on a database with concurrent writers all reads come
   * before all writes.
   */
  protected static int activateConcurrently(AgentStore s, String org, List<String> profiles)
      throws Exception {
    int writers = profiles.size();
    CountDownLatch allRead = new CountDownLatch(writers);
    AtomicInteger runs = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String mine : profiles) {
        done.add(pool.submit(() -> {
          s.runInTransaction(tx -> {
            runs.incrementAndGet();
            List<Agent> active = active(tx, org);
            allRead.countDown();
            allRead.await(200, TimeUnit.MILLISECONDS);
            for (Agent a : active) {
              if (!a.id().equals(mine)) {
                tx.agents().update(a.withMetadata(a.metadata().withLabel("active", "false")));
              }
            }
            Agent me = tx.agents().get(mine).orElseThrow();
            tx.agents().update(me.withMetadata(me.metadata().withLabel("active", "true")));
          });
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return runs.get();
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * Writes of a declared kind (its own table, key columns, unique keys) commit with the
   * transaction or roll back whole with it, history and change feed included; a unique key
   * broken half-way rolls back like a duplicate slug.
   */
  @Test
  void aDeclaredKindsWritesCommitAndRollBackWithTheTransaction() {
    String org = newOrg().id();
    long feed = store.changes().since(0, 10_000).size();
    Query inOrg = Query.builder().org(org).build();
    store.runInTransaction(tx -> {
      var w = newWidget(tx, org, "one", "red", 1, "0.1");
      widgets(tx).updateStatus(w.withStatus(com.fasterxml.jackson.databind.node.JsonNodeFactory
          .instance.objectNode().put("state", "checked")));
      newWidget(tx, org, "two", "blue", 2, "0.2");
      assertThat(widgets(tx).count(inOrg)).isEqualTo(2);
    });
    assertThat(widgets(store).count(inOrg)).isEqualTo(2);
    assertThat(store.changes().since(0, 10_000)).hasSize((int) feed + 3);

    AtomicReference<String> first = new AtomicReference<>();
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      first.set(newWidget(tx, org, "three", "green", 3, "0.3").id());
      newWidget(tx, org, "one", "red", 1, "0.1"); // duplicate slug
    })).isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      var spec = Samples.widgetSpec("same-code", null);
      widgets(tx).create(dev.agentstore.CustomResource.of(Samples.WIDGET,
          dev.agentstore.Metadata.of(org, "four"), spec));
      widgets(tx).create(dev.agentstore.CustomResource.of(Samples.WIDGET,
          dev.agentstore.Metadata.of(org, "five"), spec)); // the unique spec.code
    })).isInstanceOf(AlreadyExistsException.class).hasMessageContaining("spec.code");
    assertThat(widgets(store).get(first.get())).isEmpty();
    assertThat(store.history().list(first.get())).isEmpty();
    assertThat(widgets(store).count(inOrg)).isEqualTo(2);
    assertThat(widgets(store).count(Query.builder().where("spec.code", "same-code").build()))
        .isZero();
    assertThat(store.changes().since(0, 10_000)).hasSize((int) feed + 3);
  }
}
