package dev.agentstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentstore.AgentStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deterministic half of the issue-17 guard, cheap enough for every CI run: statements per
 * operation do not depend on the machine's load, so each compared operation is run on a real
 * SQLite file and a real PostgreSQL server and its statements are checked against the issue's
 * targets and against {@code compare-baseline.properties} (the counts the compare benchmark
 * recorded). A change that adds a statement to an operation fails here, naming the operation;
 * one that removes a statement fails too until the recorded count is lowered with it, so the
 * record stays true. Each operation is measured on its second call, as the benchmark's steady
 * state is.
 */
class StatementBudgetTest {
  /** The statement targets (operations it gives none for are held to the record). */
  private static final Map<String, Integer> TARGETS = Map.of("create", 3, "update", 3,
      "updateStatus", 3, "get", 2, "page_of_50", 2);

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SQLite", "PostgreSQL"})
  void everyOperationStaysWithinItsStatementBudget(String backend) throws Exception {
    Map<String, Integer> recorded = recorded(backend);
    try (BenchDb db = backend.equals("SQLite") ? new SqliteDb(dir.resolve("store"))
        : PostgresDb.start(dir.resolve("pg"));
        AgentStore store = db.openStore()) {
      String org = store.organizations().create(Dataset.organization("budget-org")).id();
      try (LibraryImpl lib = new LibraryImpl(store, org, () -> {
        try {
          return db.connect();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      })) {
        Map<String, Long> used = measure(lib);
        List<String> over = new ArrayList<>();
        used.forEach((op, n) -> {
          Integer record = recorded.get(op);
          if (record == null) {
            over.add(op + ": no count recorded in compare-baseline.properties");
          } else if (n.longValue() != record.longValue()) {
            over.add(op + ": " + n + " statements, recorded " + record + (n < record
                ? " (fewer: lower the record in compare-baseline.properties)" : ""));
          }
          Integer target = TARGETS.get(op);
          if (target != null && n > target) {
            over.add(op + ": " + n + " statements, the target is at most " + target);
          }
        });
        assertTrue(over.isEmpty(), backend + ": " + over + " (all: " + used + ")");
        assertEquals(recorded.keySet(), used.keySet(), backend
            + ": every recorded operation is measured here");
      }
      assertEquals(KEYED_APPEND, keyedAppend(store, org), backend
          + ": statements of a keyed append, new and retried");
    }
  }

  /**
   * A keyed append (not in the comparison, so not in its record): head lock, the INSERT that
   * checks the key itself, version bump, history; a retry under a held key: head lock, the
   * INSERT that writes nothing, the held item's read.
   */
  private static final Map<String, Long> KEYED_APPEND = Map.of("new", 4L, "retry", 3L);

  private static Map<String, Long> keyedAppend(AgentStore store, String org) {
    CountingJdbc.Counter n = new CountingJdbc.Counter();
    LibraryImpl.instrument(store, n);
    var executions = store.agentExecutions();
    String id = executions.create(CompareData.execution(org, 9_000)).id();
    executions.appendMessage(id, "warm-up", CompareData.libMessage(9_000, 1));
    long s0 = n.statements();
    executions.appendMessage(id, "k-1", CompareData.libMessage(9_000, 2));
    long s1 = n.statements();
    executions.appendMessage(id, "k-1", CompareData.libMessage(9_000, 2));
    return Map.of("new", s1 - s0, "retry", n.statements() - s1);
  }

  /** Statements of each operation's second call, under the baseline file's operation names. */
  private static Map<String, Long> measure(LibraryImpl lib) throws Exception {
    Map<String, Long> used = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      ids.add(lib.create(n));
    }
    used.put("create", count(lib, l -> l.create(6)));
    lib.createAll(100, 50);
    used.put("createAll_of_50", count(lib, l -> l.createAll(200, 50)));
    lib.get(ids.get(0));
    long trips = lib.counter().roundTrips();
    used.put("get", count(lib, l -> l.get(ids.get(1))));
    // One statement in autocommit: no BEGIN or COMMIT around it.
    assertEquals(1, lib.counter().roundTrips() - trips, "round trips of a get");
    lib.update(ids.get(0), 1);
    used.put("update", count(lib, l -> l.update(ids.get(0), 2)));
    lib.updateStatus(ids.get(1), 1);
    used.put("updateStatus", count(lib, l -> l.updateStatus(ids.get(1), 2)));
    lib.appendMessage(ids.get(2), 7);
    used.put("appendMessages", count(lib, l -> l.appendMessage(ids.get(2), 8)));
    lib.transition(ids.get(3), "IN_PROGRESS");
    used.put("transition", count(lib, l -> l.transition(ids.get(3), "WAITING")));
    // A new call's insert, then its result replacing it: the upsert's two paths.
    lib.upsertToolCall(ids.get(4), 0, false);
    long inserted = count(lib, l -> l.upsertToolCall(ids.get(4), 1, false));
    long replaced = count(lib, l -> l.upsertToolCall(ids.get(4), 1, true));
    used.put("upsertToolCall", Math.max(inserted, replaced));
    lib.apply(ids.get(5), 3);
    used.put("apply", count(lib, l -> l.apply(ids.get(5), 4)));
    lib.page("PENDING");
    used.put("page_of_50", count(lib, l -> l.page("PENDING")));
    return used;
  }

  private static long count(LibraryImpl lib, Op op) throws Exception {
    long before = lib.counter().statements();
    op.run(lib);
    return lib.counter().statements() - before;
  }

  /** One operation of the comparison. */
  private interface Op {
    void run(LibraryImpl lib) throws Exception;
  }

  /** {@code <backend>.<op>.agentstore.statements} of the recorded baseline, by operation. */
  private static Map<String, Integer> recorded(String backend) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of("compare-baseline.properties"))) {
      p.load(r);
    }
    String prefix = backend + ".";
    String suffix = ".agentstore.statements";
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(prefix) && k.endsWith(suffix)) {
        out.put(k.substring(prefix.length(), k.length() - suffix.length()),
            (int) Math.round(Double.parseDouble(p.getProperty(k))));
      }
    }
    assertTrue(!out.isEmpty(), "compare-baseline.properties holds " + backend + " counts");
    return out;
  }
}
