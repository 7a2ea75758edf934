package dev.agentstore.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentstore.AgentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-17 comparison is fair: after the same operations agentstore, minimal JDBC and
 * Hibernate hold the same durable result (execution rows, message rows, history rows) on one
 * SQLite database, and the counting wrapper counts what each sends.
 */
class BaselineParityTest {
  private static final int CREATES = 5;

  @TempDir
  Path dir;

  @Test
  void everyImplementationWritesTheSameDurableResult() throws Exception {
    SqliteDb db = new SqliteDb(dir.resolve("store"));
    try (AgentStore store = db.openStore()) {
      String org = store.organizations().create(Dataset.organization("parity-org")).id();
      List<CompareImpl> impls = List.of(
          new LibraryImpl(store, org, () -> {
            try {
              return db.connect();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }),
          new MinimalJdbc(db.connect(), false, org),
          new HibernateImpl(db.dataSource(), false, org));
      try {
        for (CompareImpl impl : impls) {
          List<String> ids = new ArrayList<>();
          for (int n = 0; n < CREATES; n++) {
            ids.add(impl.create(n));
          }
          impl.update(ids.get(0), 1);
          impl.update(ids.get(0), 2);
          impl.updateStatus(ids.get(1), 1);
          impl.appendMessage(ids.get(2), 7);
          impl.appendMessage(ids.get(2), 8);
          impl.transition(ids.get(3), "IN_PROGRESS");
          impl.transition(ids.get(3), "WAITING");
          impl.upsertToolCall(ids.get(4), 0, false);
          impl.upsertToolCall(ids.get(4), 0, true);
          impl.upsertToolCall(ids.get(4), 1, false);
          impl.apply(ids.get(0), 3);
          impl.apply(ids.get(0), 3); // the same spec again: nothing written
          long before = impl.counter().statements();
          impl.get(ids.get(2));
          assertTrue(impl.counter().statements() > before, impl.name() + " get counted");
          // executions; 3 messages each + 2 appended + 2 tool calls (one upserted twice); one
          // history row per write
          assertArrayEquals(new long[] {CREATES, CREATES * CompareData.MESSAGES + 2 + 2,
              CREATES + 2 + 1 + 2 + 2 + 3 + 1}, impl.durableCounts(), impl.name());
        }
      } finally {
        for (CompareImpl impl : impls) {
          impl.close();
        }
      }
    }
  }

  @Test
  void minimalJdbcUsesTheFewestStatementsAndChecksVersions() throws Exception {
    SqliteDb db = new SqliteDb(Files.createDirectories(dir.resolve("jdbc")));
    try (MinimalJdbc jdbc = new MinimalJdbc(db.connect(), false, "org_test")) {
      CountingJdbc.Counter n = jdbc.counter();
      long s0 = n.statements();
      long r0 = n.roundTrips();
      String id = jdbc.create(1);
      assertEquals(3, n.statements() - s0, "create: row, messages, history");
      assertEquals(4, n.roundTrips() - r0, "create: 3 statements + commit");
      s0 = n.statements();
      jdbc.get(id);
      assertEquals(1, n.statements() - s0, "get: one SELECT");
      s0 = n.statements();
      jdbc.update(id, 1);
      assertEquals(2, n.statements() - s0, "update: UPDATE + history");
      // Someone else writes: the held version is stale, the update is refused, nothing changes.
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE mj_execution SET version = version + 1");
      }
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> jdbc.update(id, 2));
      assertTrue(e.getMessage().contains("version conflict"), e.getMessage());
      assertArrayEquals(new long[] {1, 3, 2}, jdbc.durableCounts());
    }
  }

  @Test
  void theCounterSeparatesTransactionControlFromStatements() {
    assertTrue(CountingJdbc.isTransactionControl("BEGIN IMMEDIATE"));
    assertTrue(CountingJdbc.isTransactionControl("  commit"));
    assertTrue(!CountingJdbc.isTransactionControl("SELECT 1"));
    assertTrue(!CountingJdbc.isTransactionControl("INSERT INTO t VALUES (1)"));
  }
}
