package dev.agentstore.bench;

import dev.agentstore.AgentStoreException;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.UnavailableException;
import dev.agentstore.model.Agent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Eight threads creating agents at once: through one shared library store, beside eight raw
 * connections each running the create statements (same durability, SQLite's busy timeout of
 * 30 s). Every failed create is counted and classified (busy/locked/unavailable or other); the
 * target is zero. Reports the wall time per create (the inverse of throughput). Each thread's
 * inputs are built before the run.
 *
 * <p>Usage: {@code new ConcurrentCreateWorkload(ctx).run();}
 */
final class ConcurrentCreateWorkload {
  private final BenchContext ctx;
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicInteger libBusy = new AtomicInteger();
  private final AtomicInteger libOther = new AtomicInteger();
  private final AtomicInteger rawBusy = new AtomicInteger();
  private final AtomicInteger rawOther = new AtomicInteger();

  /** The workload on {@code ctx}'s backend. */
  ConcurrentCreateWorkload(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** Measures and judges, without and then with a reader tailing the change feed. */
  void run() throws Exception {
    run(false);
    run(true);
  }

  /**
   * One measurement. With {@code tailed}, a change-feed reader follows the creates as they
   * commit (the library: a subscription; raw: a thread polling the feed's statements) and the
   * run ends when it has read every create, so the figure includes what the feed's ordering
   * costs the writers.
   */
  private void run(boolean tailed) throws Exception {
    int threads = ctx.cfg().threads();
    int each = ctx.cfg().createsPerThread();
    List<Connection> conns = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int t = 0; t < threads; t++) {
        conns.add(ctx.db().connect());
      }
      Dataset d = ctx.data();
      List<Deque<Agent>> libInputs = new ArrayList<>();
      List<Deque<Row>> rawInputs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        libInputs.add(new ArrayDeque<>());
        rawInputs.add(new ArrayDeque<>());
      }
      Sample s = ctx.harness().measure(new Harness.Trial() {
        @Override
        public void setUp(int run) {
          for (int t = 0; t < threads; t++) {
            libInputs.get(t).clear();
            rawInputs.get(t).clear();
            for (int i = 0; i < each; i++) {
              libInputs.get(t).add(Dataset.agent(d.org(), "cc-lib-" + counter.incrementAndGet(),
                  0));
              rawInputs.get(t).add(d.agentRow().withIdentity(Ids.next(Kind.AGENT),
                  "cc-raw-" + counter.incrementAndGet(), RawStore.now()));
            }
          }
        }

        @Override
        public Harness.Side lib() {
          Harness.Side creates = ops -> parallel(pool, threads, ops / threads, t -> {
            try {
              ctx.store().agents().create(libInputs.get(t).poll());
            } catch (UnavailableException e) {
              libBusy.incrementAndGet();
            } catch (AgentStoreException e) {
              libOther.incrementAndGet();
            }
          });
          return tailed ? ops -> tailedBySubscription(creates, ops) : creates;
        }

        @Override
        public Harness.Side raw() {
          Harness.Side creates = ops -> parallel(pool, threads, ops / threads, t -> {
            Row row = rawInputs.get(t).poll();
            try {
              ctx.raw().create(conns.get(t), RawTable.AGENTS, row, "AGENT",
                  d.agentSnapshot(row.id(), row.slug()));
            } catch (SQLException e) {
              if (isBusy(e)) {
                rawBusy.incrementAndGet();
              } else {
                rawOther.incrementAndGet();
              }
            }
          });
          return tailed ? ops -> tailedByPolling(creates, ops) : creates;
        }
      }, threads * each, 1);
      String operation = threads + " threads creating" + (tailed ? ", feed tailed" : "");
      String note = String.format("errors (all runs incl. warm-up): library %d busy + %d other,"
          + " raw %d busy + %d other; library %.0f creates/s", libBusy.get(), libOther.get(),
          rawBusy.get(), rawOther.get(), 1e6 / s.libStats().median());
      ctx.results().add(new Result(ctx.backend(), "concurrent", operation, "", "µs/op", s,
          "raw JDBC, " + threads + " connections" + (tailed ? " + a polling reader" : ""),
          note));
      ctx.results().judge(Verdict.of(Target.ZERO_BUSY, ctx.backend(), operation,
          libBusy.get() + libOther.get(), libBusy.get() + " busy, " + libOther.get() + " other",
          "concurrent.busy"));
      ctx.results().judge(Verdict.of(Target.SINGLE_OP, ctx.backend(), operation,
          s.ratio().median(), String.format("%.2f×", s.ratio().median()), "concurrent.ratio"));
    } finally {
      pool.shutdownNow();
      for (Connection c : conns) {
        c.close();
      }
    }
  }

  /** {@code creates} while a subscription from the feed's head follows, until it has read them. */
  private void tailedBySubscription(Harness.Side creates, int ops) throws Exception {
    long head = head();
    java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(ops);
    try (var sub = ctx.store().changes().subscribe(head, change -> read.countDown())) {
      creates.run(ops);
      if (!read.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("the subscription did not read every create");
      }
    }
  }

  /** {@code creates} while a raw thread polls the feed from its head, until it has read them. */
  private void tailedByPolling(Harness.Side creates, int ops) throws Exception {
    long head = head();
    Future<?> reader;
    try (Connection c = ctx.db().connect()) {
      ExecutorService one = Executors.newSingleThreadExecutor();
      try {
        reader = one.submit(() -> {
          long last = head;
          int seen = 0;
          while (seen < ops) {
            long[] page = ctx.raw().changesSince(c, last, 256);
            seen += (int) page[0];
            if (page[0] == 0) {
              Thread.sleep(1); // what a poller does between empty pages
            } else {
              last = page[1];
            }
          }
          return null;
        });
        creates.run(ops);
        reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        one.shutdownNow();
      }
    }
  }

  /** The feed's highest sequence now (untimed bookkeeping of the tailed runs). */
  private long head() throws SQLException {
    try (Connection c = ctx.db().connect();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(
            "SELECT coalesce(max(seq), 0) FROM api_resource_versions")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One thread's single create; {@code t} is the thread's index. */
  @FunctionalInterface
  private interface Create {
    void run(int t);
  }

  private static void parallel(ExecutorService pool, int threads, int each, Create create)
      throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          create.run(index);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  /** SQLite BUSY/LOCKED, or a PostgreSQL serialization failure, deadlock or lock timeout. */
  static boolean isBusy(SQLException e) {
    String m = String.valueOf(e.getMessage());
    String state = String.valueOf(e.getSQLState());
    return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || state.equals("40001")
        || state.equals("40P01") || state.equals("55P03");
  }
}
