package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.tck.Eventually;
import dev.agentstore.tck.TckSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one-statement read of an execution with its items under a row lock: a write that waited
 * for the lock gets the row as the holder left it, and must return the holder's items with it,
 * although the statement's snapshot predates them (READ COMMITTED re-checks only the locked row).
 */
class PostgresLockedReadTest extends TckSupport {
  private static final long WAIT_S = 60;

  @Override
  protected AgentStore.Builder newStoreBuilder() {
    return PostgresStores.newBuilder();
  }

  @Test
  void aTransitionThatWaitedForTheRowLockReturnsTheMessagesItsHolderAppended() throws Exception {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    store.agentExecutions().appendMessages(e.id(), AgentMessage.of(MessageType.AI, "before",
        Instant.EPOCH));
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> holder = pool.submit(() -> store.inTransaction(tx -> {
        tx.agentExecutions().appendMessages(e.id(), AgentMessage.of(MessageType.AI, "held",
            Instant.EPOCH));
        appended.countDown();
        return release.await(WAIT_S, TimeUnit.SECONDS);
      }));
      assertThat(appended.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
      Future<AgentExecution> moved = pool.submit(
          () -> store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS));
      // The transition's statement has taken its snapshot and waits for the holder's lock.
      Eventually.until("the transition waits for the row lock",
          PostgresLockedReadTest::aReadWaitsForARowLock);
      release.countDown();
      holder.get(WAIT_S, TimeUnit.SECONDS);
      AgentExecution after = moved.get(WAIT_S, TimeUnit.SECONDS);
      assertThat(after.status().messages()).extracting(AgentMessage::content)
          .containsExactly("before", "held");
      assertThat(after).isEqualTo(store.agentExecutions().get(e.id()).orElseThrow());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /** Whether some session's locked read of a row with its items is waiting for a lock. */
  private static boolean aReadWaitsForARowLock() throws Exception {
    try (Connection c = PostgresStores.admin(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity"
            + " where wait_event_type = 'Lock' and query like '%locked_row%'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }
}
