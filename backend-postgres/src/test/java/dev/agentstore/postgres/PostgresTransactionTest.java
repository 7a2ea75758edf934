package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.model.Agent;
import dev.agentstore.tck.TransactionTck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The transaction suite of the TCK on PostgreSQL, plus what only a database with concurrent
 * writers shows: conflicted SERIALIZABLE transactions are re-run, and past the configured
 * retries the conflict reaches the caller as a retryable {@link TransactionConflictException}.
 */
class PostgresTransactionTest extends TransactionTck {
  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }

  @Test
  void conflictedTransactionsAreRunAgainUntilTheyCommit() throws Exception {
    String org = newOrg().id();
    List<String> profiles = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      profiles.add(newAgent(store, org, "profile-" + i).id());
    }
    int runs = activateConcurrently(store, org, profiles);
    assertThat(runs).as("all read before any wrote, so at least one writer ran again")
        .isGreaterThan(profiles.size());
    assertThat(active(store, org)).hasSize(1);
  }

  @Test
  void withoutRetriesTheLoserGetsARetryableConflictAndCommitsNothing() throws Exception {
    AgentStore noRetries = open(location.transactionRetries(0));
    String org = newOrg().id();
    Agent first = newAgent(store, org, "first");
    Agent second = newAgent(store, org, "second");
    CountDownLatch allRead = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (Agent mine : List.of(first, second)) {
        done.add(pool.submit(() -> {
          noRetries.runInTransaction(tx -> {
            runs.incrementAndGet();
            List<Agent> active = active(tx, org);
            allRead.countDown();
            allRead.await(5, TimeUnit.SECONDS);
            assertThat(active).isEmpty();
            Agent me = tx.agents().get(mine.id()).orElseThrow();
            tx.agents().update(me.withMetadata(me.metadata().withLabel("active", "true")));
          });
          return null;
        }));
      }
      List<Throwable> failures = new ArrayList<>();
      for (Future<?> f : done) {
        try {
          f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      assertThat(runs).as("no transaction ran twice").hasValue(2);
      assertThat(failures).as("write skew: exactly one of the two must lose").hasSize(1);
      assertThat(failures.get(0)).isInstanceOf(TransactionConflictException.class);
      TransactionConflictException conflict = (TransactionConflictException) failures.get(0);
      assertThat(conflict.isRetryable()).isTrue();
      assertThat(conflict.attempts()).isEqualTo(1);
      assertThat(conflict).hasMessageContaining("gave up after 1 run");
    } finally {
      pool.shutdownNow();
    }
    List<Agent> active = active(store, org);
    assertThat(active).hasSize(1);
    Agent loser = active.get(0).id().equals(first.id()) ? second : first;
    assertThat(store.agents().get(loser.id())).contains(loser);
    assertThat(store.history().list(loser.id())).hasSize(1);
  }
}
