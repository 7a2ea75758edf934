package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.UnavailableException;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.Organization;
import dev.agentstore.sql.internal.SqlErrors;
import dev.agentstore.tck.TckSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What happens when PostgreSQL misbehaves: killed connections, racing opens, conflicts. */
class PostgresFailureTest extends TckSupport {

  /** The JDBC URL of the current test's database (set when its store is made). */
  private String url;

  @Override
  protected AgentStore.Builder newStoreBuilder() {
    url = PostgresStores.newDatabase();
    return PostgresStores.builderFor(url).option("maximumPoolSize", "4");
  }

  private String database() {
    return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?') < 0 ? url.length()
        : url.indexOf('?'));
  }

  /** Terminates every session of the store's database but the caller's; returns how many. */
  private int killConnections() throws SQLException {
    try (Connection c = PostgresStores.admin(); PreparedStatement st = c.prepareStatement(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      st.setString(1, database());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void killedConnectionsFailAsUnavailableAndLoseNothingAcknowledged() throws Exception {
    Organization org = newOrg();
    List<String> acknowledged = new ArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger killed = new AtomicInteger();
    ExecutorService killer = Executors.newSingleThreadExecutor();
    Future<?> kills = killer.submit(() -> {
      for (int i = 0; i < 40 && writing.get(); i++) {
        killed.addAndGet(killConnections());
        Thread.sleep(25);
      }
      return null;
    });
    int unavailable = 0;
    try {
      // Writes go on for as long as the storm does, so that kills always land among them.
      for (int i = 0; i < 150 || !kills.isDone(); i++) {
        try {
          acknowledged.add(newAgent(store, org.metadata().id(), unique("agent")).metadata().id());
        } catch (UnavailableException e) {
          unavailable++;
        }
      }
    } finally {
      writing.set(false);
      kills.get(30, TimeUnit.SECONDS);
      killer.shutdown();
    }
    assertThat(killed.get()).as("connections terminated").isPositive();
    assertThat(unavailable).as("calls that saw a killed connection").isPositive();
    // After the storm: the next call succeeds or is UnavailableException, the one after works,
    // however many of the pool's four connections the last kill left dead (the first dead one
    // found makes the backend replace its idle siblings).
    try {
      newAgent(store, org.metadata().id(), unique("agent"));
    } catch (UnavailableException e) {
      // allowed once: the pool may still hold connections killed at the very end
    }
    Agent after = newAgent(store, org.metadata().id(), unique("agent"));
    assertThat(store.agents().get(after.metadata().id())).isPresent();
    for (String id : acknowledged) {
      assertThat(store.agents().get(id)).as(id).isPresent();
    }
  }

  @Test
  void afterTheServerEndsEverySessionOnlyOneCallFails() throws Exception {
    Organization org = newOrg();
    Agent agent = newAgent(store, org.metadata().id(), unique("agent"));
    // Four transactions at once leave the pool with four idle connections, all used just now.
    int size = 4;
    CyclicBarrier together = new CyclicBarrier(size);
    ExecutorService pool = Executors.newFixedThreadPool(size);
    List<Future<Boolean>> reads = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      reads.add(pool.submit(() -> store.inTransaction(tx -> {
        together.await(10, TimeUnit.SECONDS);
        return tx.agents().get(agent.metadata().id()).isPresent();
      })));
    }
    for (Future<Boolean> read : reads) {
      assertThat(read.get(30, TimeUnit.SECONDS)).isTrue();
    }
    pool.shutdown();
    assertThat(killConnections()).as("sessions the server ended").isGreaterThanOrEqualTo(size);
    try {
      store.agents().get(agent.metadata().id());
    } catch (UnavailableException e) {
      // expected: this call drew one of the dead connections
    }
    // Its three dead siblings were replaced, not handed to the next three calls.
    for (int i = 0; i < size; i++) {
      assertThat(store.agents().get(agent.metadata().id())).as("call " + i).isPresent();
    }
  }

  @Test
  void storesOpeningTheSameEmptyDatabaseAtOnceAllSucceedAndMigrateOnce() throws Exception {
    String url = PostgresStores.newDatabase();
    int n = 4;
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<AgentStore>> opens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      opens.add(pool.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        return open(AgentStore.builder().uri(url));
      }));
    }
    List<AgentStore> stores = new ArrayList<>();
    for (Future<AgentStore> f : opens) {
      stores.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history"
            + " WHERE success AND version = '1'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    Organization org = newOrg(stores.get(0));
    assertThat(stores.get(n - 1).organizations().get(org.metadata().id())).isPresent();
  }

  @Test
  void uniqueViolationsAreAlreadyExists() {
    Organization org = newOrg();
    Agent a = newAgent(store, org.metadata().id(), unique("agent"));
    assertThatThrownBy(() -> newAgent(store, org.metadata().id(), a.metadata().name()))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(a.metadata().slug());
  }

  @Test
  void serializationFailuresAndDeadlocksAreUnavailable() throws Exception {
    SqlErrors errors = new SqlErrors(new PostgresDialect());
    try (Connection setup = PostgresStores.connect(url); Statement st = setup.createStatement()) {
      st.execute("CREATE TABLE skew (id int PRIMARY KEY, n int)");
      st.execute("INSERT INTO skew VALUES (1, 0), (2, 0)");
    }
    try (Connection a = PostgresStores.connect(url); Connection b = PostgresStores.connect(url)) {
      for (Connection c : List.of(a, b)) {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      }
      exec(a, "SELECT sum(n) FROM skew");
      exec(b, "SELECT sum(n) FROM skew");
      exec(a, "UPDATE skew SET n = 1 WHERE id = 1");
      exec(b, "UPDATE skew SET n = 1 WHERE id = 2");
      a.commit();
      SQLException failure = null;
      try {
        b.commit();
      } catch (SQLException e) {
        failure = e;
      }
      assertThat((Throwable) failure).isNotNull();
      assertThat(failure.getSQLState()).isEqualTo("40001");
      AgentStoreException mapped = errors.translate(failure, "commit");
      assertThat(mapped).isInstanceOf(TransactionConflictException.class)
          .isInstanceOf(UnavailableException.class).hasMessageContaining("retry");
      assertThat(mapped.isRetryable()).isTrue();
    }
  }

  @Test
  void changeFeedNeverSkipsAChangeCommittedLate() throws Exception {
    Organization org = newOrg();
    int writers = 3;
    int perWriter = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < perWriter; i++) {
          newAgent(store, org.metadata().id(), unique("agent"));
        }
        return null;
      }));
    }
    Set<Long> seen = new HashSet<>();
    long position = 0;
    boolean writing = true;
    while (writing) {
      writing = done.stream().anyMatch(f -> !f.isDone());
      for (ResourceVersion v : store.changes().since(position, 1000)) {
        assertThat(v.sequence()).isGreaterThan(position);
        seen.add(v.sequence());
        position = v.sequence();
      }
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    for (ResourceVersion v : store.changes().since(position, 1000)) {
      seen.add(v.sequence());
    }
    List<ResourceVersion> all = store.changes().since(0, 10_000);
    assertThat(all).hasSize(1 + writers * perWriter);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(
        all.stream().map(ResourceVersion::sequence).toList());
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
