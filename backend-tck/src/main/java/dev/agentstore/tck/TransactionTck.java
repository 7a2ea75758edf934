package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Transactions: several calls commit together or roll back whole (including their history), a
 * store opened for a transaction cannot be used after it ends, and nested calls join.
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
}
