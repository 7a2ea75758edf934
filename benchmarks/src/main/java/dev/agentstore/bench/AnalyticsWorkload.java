package dev.agentstore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.DeleteResult;
import dev.agentstore.Query;
import dev.agentstore.model.ExecutionPhase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 13's two speed targets on one table of agent executions ({@code bench.analytics.rows},
 * default 1M; 20k in quick mode) in an org of their own, each with a message and a tool call,
 * spread over 30 days and 8 models with varied usage:
 * <ul>
 *   <li>AFU-9's "agent performance" report (count, sum of cost, average duration and tokens per
 *       model over the last 7 days, failed runs excluded) through {@code aggregate}, beside the
 *       GROUP BY a careful engineer would write by hand over the same rows (SQLite
 *       {@code json_extract}, PostgreSQL {@code ->>} casts to numeric); target at most 2x;</li>
 *   <li>a retention pass deleting the oldest 5% alone, then the next 5% with {@code deleteWhere} (batched, DELETED
 *       history rows, items going with their execution) while a probe thread keeps creating
 *       agents: the probe's longest wait above its idle median is the longest time the pass held
 *       the lock a writer needs; target at most 200 ms.</li>
 * </ul>
 *
 * <p>Usage: {@code new AnalyticsWorkload(ctx).run();}
 */
final class AnalyticsWorkload {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet",
      "claude-haiku", "gemini-pro", "gemini-flash", "llama-70b", "mistral-large"};
  private static final int ITEM_BATCH = 5_000;
  private static final int ITEM_TRANSACTION = 50_000;
  private final BenchContext ctx;
  private final int rows;

  /** The workload on {@code ctx}'s backend. */
  AnalyticsWorkload(BenchContext ctx) {
    this.ctx = ctx;
    this.rows = Integer.getInteger("bench.analytics.rows", ctx.cfg().quick() ? 20_000 : 1_000_000);
  }

  /** Seeds the executions and their items, then measures the report and the retention pass. */
  void run() throws Exception {
    String org = ctx.store().organizations().create(Dataset.organization("analytics-org")).id();
    // References are org-checked: the executions need an agent of their own org.
    String agent = ctx.store().agents().create(Dataset.agent(org, "analytics-agent", 0)).id();
    List<String> ids = new ArrayList<>(rows);
    Instant[] first = new Instant[1];
    Duration span = Duration.ofDays(30);
    PageSeeder seeder = new PageSeeder(ctx.db(), ctx.raw(), ctx.data().executionRow(),
        List.of(org), (n, row) -> {
          Row shaped = shape(n, row, agent, first, span);
          ids.add(shaped.id());
          return shaped;
        });
    double secs = seeder.growTo(rows);
    double itemSecs = seedItems(ids);
    System.out.printf("  %-10s seeded %,d executions in %.1f s and %,d items in %.1f s%n",
        ctx.backend(), rows, secs, 2L * rows, itemSecs);
    Instant since = first[0].plus(span.minusDays(7));
    aggregate(org, since);
    retention(org, first[0].plus(span.dividedBy(20)), first[0].plus(span.dividedBy(10)));
  }

  private Row shape(int n, Row row, String agent, Instant[] first, Duration span) {
    if (first[0] == null) {
      first[0] = row.createdAt();
    }
    Instant at = first[0].plus(span.multipliedBy(n).dividedBy(rows));
    try {
      ObjectNode spec = (ObjectNode) JSON.readTree(row.spec());
      spec.put("agentId", agent).with("config").put("model", MODELS[n % MODELS.length]);
      ObjectNode status = (ObjectNode) JSON.readTree(row.status());
      status.putObject("usage").put("inputTokens", 100 + n % 900).put("outputTokens", 50 + n % 400)
          .put("costUsd", BigDecimal.valueOf(n % 1000, 4)).put("durationMs", 200 + n % 5000);
      List<String> extras = new ArrayList<>(row.extras());
      extras.set(RawTable.AGENT_EXECUTIONS.extras().indexOf("agent_id"), agent);
      return new Row(row.id(), row.org(), row.slug(), row.name(), row.version(), row.labels(),
          row.metadata(), JSON.writeValueAsString(spec), JSON.writeValueAsString(status),
          extras, at, at, row.createdBy(), row.updatedBy());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("template documents are not JSON: " + e, e);
    }
  }

  private double seedItems(List<String> ids) throws SQLException {
    long t0 = System.nanoTime();
    String message = ctx.data().messageBody();
    try (Connection c = ctx.db().connectForSeeding()) {
      int done = 0;
      while (done < ids.size()) {
        int end = Math.min(ids.size(), done + ITEM_TRANSACTION / 2);
        ctx.raw().begin(c, true);
        try {
          while (done < end) {
            List<String[]> batch = new ArrayList<>(ITEM_BATCH);
            for (int i = 0; i < ITEM_BATCH / 2 && done < end; i++, done++) {
              String id = ids.get(done);
              batch.add(new String[] {id, "messages", "1", null, message});
              batch.add(new String[] {id, "toolCalls", "2", "tc-" + done, toolCall(done)});
            }
            ctx.raw().insertItemBatch(c, batch);
          }
          ctx.raw().commit(c);
        } catch (SQLException | RuntimeException e) {
          ctx.raw().rollback(c);
          throw e;
        }
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String toolCall(int n) {
    return "{\"id\":\"tc-" + n + "\",\"name\":\"search.query\",\"args\":{\"q\":\"checkout latency\"},"
        + "\"status\":\"" + (n % 10 == 0 ? "FAILED" : "COMPLETED") + "\"}";
  }

  // ------------------------------------------------------------------ the report

  private void aggregate(String org, Instant since) throws Exception {
    Query query = Query.builder().org(org).createdAfter(since)
        .phaseIn(ExecutionPhase.PENDING, ExecutionPhase.IN_PROGRESS, ExecutionPhase.WAITING,
            ExecutionPhase.COMPLETED, ExecutionPhase.CANCELLED).build();
    Aggregation report = Aggregation.groupBy("spec.config.model").count()
        .sum("status.usage.costUsd").avg("status.usage.durationMs")
        .avg("status.usage.inputTokens");
    String sql = rawReportSql();
    Map<String, Long> libCounts = new TreeMap<>();
    for (AggregateResult.Row r : ctx.store().agentExecutions().aggregate(query, report).rows()) {
      libCounts.put(r.keyText("spec.config.model"), r.count());
    }
    Map<String, Long> rawCounts = rawReport(sql, org, since);
    if (!libCounts.equals(rawCounts) || libCounts.isEmpty()) {
      throw new IllegalStateException("the report and its hand-written twin disagree: "
          + libCounts + " vs " + rawCounts);
    }
    Sample s = ctx.harness().measure(Harness.trial(
        i -> ctx.store().agentExecutions().aggregate(query, report),
        i -> rawReport(sql, org, since)), 1, 1);
    long counted = libCounts.values().stream().mapToLong(Long::longValue).sum();
    ctx.results().add(new Result(ctx.backend(), "analytics", "aggregate by model (7 days)",
        "" + rows, "µs/op", s, "hand-written GROUP BY",
        String.format("%,d of %,d executions in %d groups", counted, rows, libCounts.size())));
    ctx.results().judge(Verdict.of(Target.AGGREGATE, ctx.backend(),
        String.format("aggregate over %,d executions", rows), s.ratio().median(),
        String.format("%.2f×", s.ratio().median()), "analytics.aggregate"));
  }

  /** The report as a careful engineer writes it for this dialect. */
  private String rawReportSql() {
    boolean pg = ctx.raw().dialect() == RawStore.Dialect.POSTGRES;
    String model = pg ? "spec->'config'->>'model'" : "json_extract(spec, '$.config.model')";
    String cost = pg ? "(status->'usage'->>'costUsd')::numeric"
        : "json_extract(status, '$.usage.costUsd')";
    String duration = pg ? "(status->'usage'->>'durationMs')::numeric"
        : "json_extract(status, '$.usage.durationMs')";
    String tokens = pg ? "(status->'usage'->>'inputTokens')::numeric"
        : "json_extract(status, '$.usage.inputTokens')";
    return "select " + model + " as model, count(*), sum(" + cost + "), avg(" + duration
        + "), avg(" + tokens + ") from agent_executions where org = ? and created_at > "
        + (pg ? "cast(? as timestamp with time zone)" : "?")
        + " and phase <> 'FAILED' group by " + model;
  }

  private Map<String, Long> rawReport(String sql, String org, Instant since) throws SQLException {
    Connection c = ctx.conn();
    Map<String, Long> counts = new TreeMap<>();
    ctx.raw().begin(c, false);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, org);
      ctx.raw().bindTime(ps, 2, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
          rs.getBigDecimal(3);
          rs.getBigDecimal(4);
          rs.getBigDecimal(5);
        }
      }
      ctx.raw().commit(c);
    } catch (SQLException | RuntimeException e) {
      ctx.raw().rollback(c);
      throw e;
    }
    return counts;
  }

  // ------------------------------------------------------------------ retention

  private void retention(String org, Instant alone, Instant cutoff) throws Exception {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory
        .getThreadMXBean();
    long a0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    DeleteResult first = ctx.store().agentExecutions().deleteWhere(
        Query.builder().org(org).createdBefore(alone).build());
    double aloneSecs = (System.nanoTime() - a0) / 1e9;
    double cpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
    System.out.printf("  %-10s retention pass alone: %,d deleted in %d batches in %.1f s (%.0f ms"
        + " per batch, %.2f ms per execution, of which %.2f ms CPU in this JVM)%n", ctx.backend(),
        first.deleted(), first.batches(), aloneSecs, aloneSecs * 1000 / Math.max(1,
        first.batches()), aloneSecs * 1000 / Math.max(1, first.deleted()),
        cpuMs / Math.max(1, first.deleted()));
    double idle = probeMedianMs(50);
    AtomicBoolean done = new AtomicBoolean();
    List<Double> waits = new ArrayList<>();
    Thread probe = new Thread(() -> {
      int n = 0;
      while (!done.get()) {
        long t0 = System.nanoTime();
        ctx.store().agents().create(Dataset.agent(ctx.data().org(), "retention-probe-" + n++, 0));
        waits.add((System.nanoTime() - t0) / 1e6);
      }
    }, "retention-probe");
    probe.start();
    long t0 = System.nanoTime();
    DeleteResult result;
    try {
      result = ctx.store().agentExecutions().deleteWhere(
          Query.builder().org(org).createdBefore(cutoff).build());
    } finally {
      done.set(true);
      probe.join();
    }
    double passSecs = (System.nanoTime() - t0) / 1e9;
    double[] sorted = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double longest = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    double p99 = sorted.length == 0 ? Double.NaN : sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
    double held = longest - idle;
    String shown = String.format("longest writer wait %.0f ms (idle create %.1f ms, p99 %.0f ms,"
        + " %,d probe creates); %,d deleted in %d batches in %.1f s (%.0f ms per batch)",
        longest, idle, p99, sorted.length, result.deleted(), result.batches(), passSecs,
        passSecs * 1000 / Math.max(1, result.batches()));
    System.out.printf("  %-10s retention pass: %s%n", ctx.backend(), shown);
    long total = first.deleted() + result.deleted();
    if (Math.abs(total - rows / 10) > 2) {
      throw new IllegalStateException("the passes deleted " + total + ", expected about "
          + rows / 10);
    }
    ctx.results().judge(Verdict.of(Target.RETENTION_LOCK, ctx.backend(),
        String.format("deleteWhere of %,d more of %,d executions with items, beside a writer",
            result.deleted(), rows),
        held, shown, "analytics.retention"));
  }

  private double probeMedianMs(int creates) {
    double[] ms = new double[creates];
    for (int i = 0; i < creates; i++) {
      long t0 = System.nanoTime();
      ctx.store().agents().create(Dataset.agent(ctx.data().org(), "retention-idle-" + i, 0));
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[creates / 2];
  }
}
