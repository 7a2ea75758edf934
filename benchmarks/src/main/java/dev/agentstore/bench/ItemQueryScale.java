package dev.agentstore.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import dev.agentstore.spi.SortKeys;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Issue 13's item-query target on the embedded store (or PostgreSQL: an embedded server with
 * {@code -Dbench.items.postgres=true}, or {@code -Dbench.items.uri=postgresql://...}): a page of the 50 newest failed tool calls of the
 * last 24 hours ({@code toolCallsAcross().list(where status FAILED, since, newestFirst)}), in a
 * tenant view, with 10,000 and then (unless {@code -Dbench.items.max} says less) 1,000,000 tool
 * calls stored; also the same page joined to an execution filter (phase COMPLETED) and the "tool
 * usage by name" aggregate of the last 24 hours. Tool calls are written through the library:
 * executions of 100 tool calls each (a status update, the write path that rewrites items), in
 * transactions of 50 executions; tool call i starts 2.6 s after tool call i - 1 (1M span 30
 * days), one in ten fails. Prints medians in microseconds and the page ratio the target judges
 * (at most 1.5x from 10k to the largest size).
 *
 * <p>Usage: {@code mvn -B -q -Pbenchmarks -pl benchmarks -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.bench.ItemQueryScale}
 */
public final class ItemQueryScale {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] TOOLS = {"search", "fetch", "read_file", "write_file", "shell",
      "browse", "sql", "email"};
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long STEP_MS = 2600;
  private static final int CALLS_PER_EXECUTION = 100;

  private ItemQueryScale() {}

  /** Seeds, measures and prints. */
  public static void main(String[] args) throws Exception {
    int max = Integer.getInteger("bench.items.max", 1_000_000);
    String uri = System.getProperty("bench.items.uri");
    Path dir = null;
    PostgresDb pg = null;
    if (uri == null && Boolean.getBoolean("bench.items.postgres")) {
      pg = PostgresDb.start(Files.createTempDirectory("item-scale-pg"));
      uri = pg.uri();
    } else if (uri == null) {
      dir = Files.createTempDirectory("item-scale");
      uri = "local:" + dir;
    }
    try (PostgresDb server = pg; AgentStore store = AgentStore.builder().uri(uri).open()) {
      String org = store.organizations().create(Organization.builder().name("bench-"
          + System.nanoTime()).build()).id();
      AgentStore tenant = store.forOrg(org);
      Session session = session(tenant, org);
      int have = 0;
      double base = 0;
      for (int level : new int[] {10_000, max}) {
        if (level > max || level <= have) {
          continue;
        }
        long t0 = System.nanoTime();
        have = grow(tenant, org, session, have, level);
        double seeded = (System.nanoTime() - t0) / 1e9;
        Instant newest = T0.plusMillis(STEP_MS * (have - 1));
        ExecutionItemQuery failed = ExecutionItemQuery.builder().where("status", "FAILED")
            .since(newest.minus(Duration.ofHours(24))).newestFirst().pageSize(50).build();
        double page = median(() -> full(tenant.agentExecutions().toolCallsAcross().list(failed)
            .items().size()), 100);
        ExecutionItemQuery joined = ExecutionItemQuery.builder().where("status", "FAILED")
            .executions(Query.builder().phase(ExecutionPhase.COMPLETED).build())
            .since(newest.minus(Duration.ofHours(24))).newestFirst().pageSize(50).build();
        double join = median(() -> full(tenant.agentExecutions().toolCallsAcross().list(joined)
            .items().size()), 100);
        ExecutionItemQuery day = ExecutionItemQuery.builder()
            .since(newest.minus(Duration.ofHours(24))).build();
        double usage = median(() -> {
          AggregateResult r = tenant.agentExecutions().toolCallsAcross().aggregate(day,
              Aggregation.groupBy("name").count().avg("durationMs")
                  .orderByDescending("count"));
          full(r.rows().size() == TOOLS.length ? 50 : 0);
        }, 5);
        double raw = dir == null ? Double.NaN : rawPage(dir, org,
            SortKeys.instant(newest.minus(Duration.ofHours(24))));
        base = base == 0 ? page : base;
        System.out.printf("tool calls %,d (seeded in %.0f s): failed-24h page %.0f µs (ratio to"
            + " 10k %.2f; the same SELECT in raw JDBC %.0f µs); joined to phase COMPLETED %.0f µs;"
            + " tool usage by name over 24 h %.0f µs%n", level, seeded, page, page / base, raw,
            join, usage);
      }
    }
  }

  private static void full(int n) {
    if (n != 50) {
      throw new IllegalStateException("expected a full page, got " + n);
    }
  }

  private static Session session(AgentStore s, String org) {
    Agent agent = s.agents().create(new Agent(Metadata.of(org, "bench-agent"),
        AgentSpec.builder().description("bench").instructions("be quick").mcpServers(List.of())
            .skillRefs(List.of()).subAgents(List.of()).build(), null));
    AgentInstance instance = s.agentInstances().create(new AgentInstance(
        Metadata.of(org, "bench-instance"), AgentInstanceSpec.builder().agentId(agent.id())
            .description("bench").environmentRefs(List.of()).build(), null));
    return s.sessions().create(new Session(Metadata.of(org, "bench-session"),
        SessionSpec.builder().agentInstanceId(instance.id()).subject("u").threadId("t")
            .metadata(Map.of()).build(), null));
  }

  private static int grow(AgentStore tenant, String org, Session session, int from, int to) {
    String agentId = tenant.agentInstances().get(session.spec().agentInstanceId()).orElseThrow()
        .spec().agentId();
    int perTx = 50 * CALLS_PER_EXECUTION;
    for (int start = from; start < to; start += perTx) {
      int end = Math.min(to, start + perTx);
      int s = start;
      tenant.runInTransaction(tx -> {
        var repo = tx.agentExecutions();
        for (int e = s; e < end; e += CALLS_PER_EXECUTION) {
          AgentExecution x = repo.create(new AgentExecution(Metadata.of(org, "run-" + e),
              AgentExecutionSpec.builder().sessionId(session.id()).agentId(agentId)
                  .message("go").config(ExecutionConfig.builder().model("m").build()).build(),
              null));
          List<ToolCall> calls = new ArrayList<>(CALLS_PER_EXECUTION);
          for (int i = e; i < Math.min(end, e + CALLS_PER_EXECUTION); i++) {
            Instant at = T0.plusMillis(STEP_MS * i);
            calls.add(ToolCall.builder().id("c" + i).name(TOOLS[i % TOOLS.length])
                .args(JSON.objectNode().put("q", i))
                .status(i % 10 == 3 ? ToolCallStatus.FAILED : ToolCallStatus.COMPLETED)
                .startedAt(at).completedAt(at.plusMillis(40 + i % 500))
                .unknownFields(Map.of("durationMs", JSON.numberNode(40 + i % 500),
                    "server", JSON.textNode("mcp-" + i % 3)))
                .build());
          }
          AgentExecution cur = repo.get(x.id()).orElseThrow();
          repo.updateStatus(cur.withStatus(cur.status().toBuilder().toolCalls(calls)
              .phase(e % 200 == 0 ? ExecutionPhase.IN_PROGRESS : ExecutionPhase.PENDING)
              .build()));
          if (e % 200 == 0) {
            repo.transition(x.id(), ExecutionPhase.COMPLETED);
          }
        }
      });
    }
    return to;
  }

  /**
   * The page's statement as the backend runs it, through a plain connection to the store's file
   * (the library's SQLite settings): the rows and their columns read, nothing decoded.
   */
  private static double rawPage(Path dir, String org, String sinceKey) throws Exception {
    String sql = "SELECT execution_id, org, seq, item_key, body, ix_time FROM"
        + " agent_execution_items WHERE collection = ? AND org = ? AND ix_status = ?"
        + " AND ix_time >= ? AND ix_time < '~' ORDER BY ix_time DESC, execution_id DESC,"
        + " seq DESC LIMIT 51";
    try (Connection c = SqliteDb.dataSource(dir.resolve("agentstore.db")).getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      return median(() -> {
        try {
          ps.setString(1, "toolCalls");
          ps.setString(2, org);
          ps.setString(3, "sFAILED");
          ps.setString(4, sinceKey);
          int n = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getString(1);
              rs.getString(2);
              rs.getLong(3);
              rs.getString(4);
              rs.getString(5);
              rs.getString(6);
              n++;
            }
          }
          full(Math.min(n, 50));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, 100);
    }
  }

  private static double median(Runnable op, int perRound) {
    double[] rounds = new double[7];
    for (int r = 0; r < rounds.length; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        op.run();
      }
      rounds[r] = (System.nanoTime() - t0) / 1e3 / perRound;
    }
    Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }
}
