package dev.agentstore.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issue-17 comparison on one backend: agentstore beside minimal JDBC (baseline a) and
 * Hibernate (baseline b) on the same database and durability, in interleaved rounds (each
 * round runs every implementation once per operation, the order rotating from round to round).
 * Per operation and implementation it records the median time per operation over the rounds,
 * statements and round trips per operation (one shared {@link CountingJdbc} wrapper), bytes
 * allocated per operation on the calling thread ({@code com.sun.management.ThreadMXBean}) and, on
 * PostgreSQL, WAL bytes per operation, and the calling thread's CPU time per operation (less
 * disturbed than wall time by a busy machine; it leaves out the PostgreSQL server's CPU and
 * time waiting for fsync) ({@code pg_current_wal_lsn()} delta). Sizes come from
 * {@code bench.compare.rows} (executions each implementation creates before measuring),
 * {@code bench.compare.warmupOps} (operations per implementation and operation run before any
 * round, so that the rounds time the JIT-compiled code a long-running application runs, not the
 * interpreter: one round of 50 left the library's deeper call paths mostly interpreted),
 * {@code bench.compare.ops} (operations per implementation per round) and
 * {@code bench.compare.rounds}.
 *
 * <p>Usage: {@code new CompareWorkload(ctx, compareResults).run();}
 */
final class CompareWorkload {
  /** The operations, in the order they run. */
  static final List<String> OPS =
      List.of("create", "get", "update", "updateStatus", "appendMessages", "page of 50",
          "createAll of 50", "transition", "upsertToolCall", "apply");
  /** Executions one createAll op stores together. */
  private static final int BULK = 50;
  private static final int POOL = 50;
  /** Executions the transitions and the tool-call upserts go round. */
  private static final int CYCLE = 10;
  private final BenchContext ctx;
  private final CompareResults out;
  private final int rows;
  private final int ops;
  private final int rounds;
  private final int warmups;
  private final int warmupOps;
  /** Per operation, per implementation: the operations run so far (the next one's number). */
  private final Map<String, int[]> cursors = new LinkedHashMap<>();

  /** The comparison on {@code ctx}'s database, into {@code out}. */
  CompareWorkload(BenchContext ctx, CompareResults out) {
    this.ctx = ctx;
    this.out = out;
    boolean quick = ctx.cfg().quick();
    this.rows = rows(quick);
    this.ops = ops(quick);
    this.rounds = rounds(quick);
    this.warmups = Integer.getInteger("bench.compare.warmups", 1);
    this.warmupOps = warmupOps(quick);
    if (rows < 2 * POOL + CYCLE || ops < 1 || rounds < 1 || warmups < 0 || warmupOps < 0) {
      throw new IllegalArgumentException("bench.compare.rows must be >= " + (2 * POOL + CYCLE)
          + ", bench.compare.ops and bench.compare.rounds >= 1, bench.compare.warmups and"
          + " bench.compare.warmupOps >= 0");
    }
  }

  // The sizes, read here and by BenchMain, which names them in REPORT.md.

  /** Executions each implementation creates before measuring. */
  static int rows(boolean quick) {
    return Integer.getInteger("bench.compare.rows", quick ? 120 : 500);
  }

  /** The JIT warm-up's operations per implementation and operation. */
  static int warmupOps(boolean quick) {
    return Integer.getInteger("bench.compare.warmupOps", quick ? 100 : 1500);
  }

  /** Operations per implementation per round. */
  static int ops(boolean quick) {
    return Integer.getInteger("bench.compare.ops", quick ? 10 : 50);
  }

  /** Measured rounds. */
  static int rounds(boolean quick) {
    return Integer.getInteger("bench.compare.rounds", quick ? 3 : 5);
  }

  /** Opens the three implementations on the backend, in one fresh org. */
  static List<CompareImpl> open(BenchContext ctx, String org) throws Exception {
    boolean pg = ctx.db() instanceof PostgresDb;
    List<CompareImpl> impls = new ArrayList<>();
    impls.add(new LibraryImpl(ctx.store(), org, () -> {
      try {
        return ctx.db().connect();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }));
    impls.add(new MinimalJdbc(ctx.db().connect(), pg, org));
    impls.add(new HibernateImpl(ctx.db().dataSource(), pg, org));
    return impls;
  }

  /** Runs the comparison. */
  void run() throws Exception {
    String org = ctx.store().organizations().create(Dataset.organization("compare-org")).id();
    List<CompareImpl> impls = open(ctx, org);
    try (Connection probe = ctx.db().connect()) {
      boolean pg = ctx.db() instanceof PostgresDb;
      Map<String, List<String>> ids = new LinkedHashMap<>();
      int[] next = new int[impls.size()];
      long t0 = System.nanoTime();
      for (int chunk = 0; chunk < rows; chunk += 50) {
        for (int k = 0; k < impls.size(); k++) {
          CompareImpl impl = impls.get(k);
          for (int i = chunk; i < Math.min(rows, chunk + 50); i++) {
            ids.computeIfAbsent(impl.name(), x -> new ArrayList<>()).add(impl.create(next[k]++));
          }
        }
      }
      System.out.printf("  %-10s compare: %d executions per implementation created in %.1f s%n",
          ctx.backend(), rows, (System.nanoTime() - t0) / 1e9);
      long w0 = System.nanoTime();
      // Every operation warms up before any is timed: code that one operation's warm-up compiled
      // may be recompiled once the others have run (call sites seeing more types), as it would
      // be in an application that mixes them.
      for (String op : OPS) {
        int count = warmupCount(op);
        for (int k = 0; k < impls.size(); k++) {
          CompareImpl impl = impls.get(k);
          measure(impl, op, count, ids.get(impl.name()), next, k, null, null);
        }
      }
      System.out.printf("  %-10s compare: JIT warm-up (%d operations per implementation and"
          + " operation) in %.1f s%n", ctx.backend(), warmupOps, (System.nanoTime() - w0) / 1e9);
      for (String op : OPS) {
        double[][] micros = new double[impls.size()][rounds];
        double[][] cpu = new double[impls.size()][rounds];
        long[][] totals = new long[impls.size()][4];
        for (int r = -warmups; r < rounds; r++) {
          for (int j = 0; j < impls.size(); j++) {
            int k = Math.floorMod(j + r, impls.size());
            CompareImpl impl = impls.get(k);
            List<String> mine = ids.get(impl.name());
            long[] m = measure(impl, op, opsOf(op), mine, next, k, pg ? probe : null,
                r == 0 ? out.logFor(ctx.backend(), op, impl.name()) : null);
            if (r >= 0) {
              micros[k][r] = m[0] / 1_000.0 / opsOf(op);
              cpu[k][r] = m[5] / 1_000.0 / opsOf(op);
              for (int x = 0; x < 4; x++) {
                totals[k][x] += m[x + 1];
              }
            }
          }
        }
        long measured = (long) opsOf(op) * rounds;
        for (int k = 0; k < impls.size(); k++) {
          out.add(new CompareResults.Row(ctx.backend(), op, impls.get(k).name(), micros[k], cpu[k],
              totals[k][0] / (double) measured, totals[k][1] / (double) measured,
              totals[k][2] / (double) measured, pg ? totals[k][3] / (double) measured : -1));
        }
        System.out.printf("  %-10s compare %-15s agentstore %8.1f µs  JDBC %8.1f µs  Hibernate"
            + " %8.1f µs%n", ctx.backend(), op, Stats.of(micros[0]).median(),
            Stats.of(micros[1]).median(), Stats.of(micros[2]).median());
      }
      for (CompareImpl impl : impls) {
        System.out.printf("  %-10s compare durable rows %-10s %s%n", ctx.backend(), impl.name(),
            Arrays.toString(impl.durableCounts()));
      }
    } finally {
      for (CompareImpl impl : impls) {
        impl.close();
      }
    }
  }

  /**
   * Operations per implementation per round of {@code op}: ten times {@code bench.compare.ops}
   * for get, whose baseline takes a tenth of a millisecond (a short slice is mostly noise).
   */
  private int opsOf(String op) {
    return op.equals("get") ? ops * 10 : ops;
  }

  /**
   * The warm-up's operations of {@code op}: ten times as many gets (they are short), a
   * twentieth of the createAll calls (each stores 50 executions), at least one.
   */
  private int warmupCount(String op) {
    return switch (op) {
      case "get" -> warmupOps * 10;
      case "createAll of 50" -> Math.max(1, warmupOps / 20);
      default -> warmupOps;
    };
  }

  /**
   * Runs {@code count} operations {@code op} of {@code impl}, numbered on from the ones it ran
   * before (the variants, transitions and upserts go on where they stopped): {nanos,
   * statements, round trips, allocated bytes, WAL bytes, calling-thread CPU nanos}; the first
   * operation's SQL goes into {@code log} when given.
   */
  private long[] measure(CompareImpl impl, String op, int count, List<String> mine, int[] next,
      int k, Connection walProbe, List<String> log) throws Exception {
    CountingJdbc.Counter n = impl.counter();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long wal0 = walProbe == null ? 0 : wal(walProbe);
    long s0 = n.statements();
    long rt0 = n.roundTrips();
    long a0 = threads.getThreadAllocatedBytes(tid);
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    int[] cursor = cursors.computeIfAbsent(op, o -> new int[next.length]);
    int base = cursor[k];
    cursor[k] += count;
    for (int i = 0; i < count; i++) {
      if (i == 0 && log != null) {
        n.startLog();
      }
      int x = base + i;
      switch (op) {
        case "create" -> mine.add(impl.create(next[k]++));
        case "get" -> impl.get(mine.get((int) ((x * 7919L) % mine.size())));
        case "update" -> impl.update(mine.get(x % POOL), x);
        case "updateStatus" -> impl.updateStatus(mine.get(x % POOL), x);
        case "appendMessages" -> impl.appendMessage(mine.get(POOL + x % POOL), 100 + x);
        case "createAll of 50" -> {
          impl.createAll(next[k], BULK);
          next[k] += BULK;
        }
        // Ten executions no other operation writes (updateStatus sets PENDING, which a moved
        // execution may not go back to): each transition moves one on (PENDING or WAITING to
        // IN_PROGRESS, IN_PROGRESS to WAITING), x / CYCLE being how many times it moved before;
        // ten, so that even a quick run moves each several times.
        case "transition" -> impl.transition(mine.get(2 * POOL + x % CYCLE),
            (x / CYCLE) % 2 == 0 ? "IN_PROGRESS" : "WAITING");
        // Ten appended-to executions: each call id is upserted twice, started then finished.
        case "upsertToolCall" -> impl.upsertToolCall(mine.get(POOL + x % CYCLE),
            (x / CYCLE) / 2, (x / CYCLE) % 2 == 1);
        case "apply" -> impl.apply(mine.get(x % POOL), 1_000_000 + x);
        case "page of 50" -> {
          int size = impl.page("PENDING");
          if (size != 50) {
            throw new IllegalStateException(impl.name() + " page: " + size + " rows");
          }
        }
        default -> throw new IllegalArgumentException(op);
      }
      if (i == 0 && log != null) {
        log.addAll(n.stopLog());
      }
    }
    long nanos = System.nanoTime() - t0;
    long cpu = threads.getCurrentThreadCpuTime() - c0;
    long alloc = threads.getThreadAllocatedBytes(tid) - a0;
    long wal = walProbe == null ? 0 : wal(walProbe) - wal0;
    return new long[] {nanos, n.statements() - s0, n.roundTrips() - rt0, alloc, wal, cpu};
  }

  /** The server's WAL insert position in bytes. */
  private static long wal(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
