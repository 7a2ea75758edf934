package dev.agentstore.examples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.DeleteResult;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.ExecutionItems;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import dev.agentstore.model.Usage;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AFU-9's reports on the embedded store, each computed by GROUP BY in the database with exact
 * decimal sums:
 *
 * <ul>
 *   <li>"agent performance": per agent and model over the last seven days, errors excluded, the
 *       number of runs, the average duration and tokens and the total cost
 *       ({@code repo.aggregate});
 *   <li>"MCP tool usage": per MCP server and tool over the last 24 hours, the calls, their
 *       average duration and the errors, across every execution's tool calls
 *       ({@code toolCallsAcross().aggregate}). The server and the duration are fields this
 *       example writes on each tool call ({@code server}, {@code durationMs}, kept as the tool
 *       call's unknown fields); they are not computed from the timestamps;
 *   <li>a 90-day retention pass: {@code deleteWhere} the executions that finished before the
 *       cutoff, in bounded batches, their tool calls and messages with them.
 * </ul>
 *
 * <p>Seeds a few executions first (one failed, one older than a week, one older than 90 days,
 * tool calls older than a day) so the filters show.
 *
 * <p>Usage: {@code mvn -q -B -pl examples -am -DskipTests package exec:java -Dexec.mainClass=dev.agentstore.examples.Reports}
 */
public final class Reports {
  private static final String COST = "status.usage.costUsd";
  private static final String DURATION = "status.usage.durationMs";
  private static final String INPUT = "status.usage.inputTokens";
  private static final String OUTPUT = "status.usage.outputTokens";

  private Reports() {}

  /** Runs the report; the optional argument is the data directory. */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("agentstore-");
    run(dir, System.out);
  }

  /**
   * Agent performance: completed runs started since {@code since}, grouped by agent and model,
   * most expensive first.
   */
  public static AggregateResult agentPerformance(AgentStore tenant, Instant since) {
    Query lastWeek = Query.builder().phase(ExecutionPhase.COMPLETED)
        .where("status.startedAt").greaterOrEqual(since).build();
    return tenant.agentExecutions().aggregate(lastWeek,
        Aggregation.groupBy("spec.agentId", "spec.config.model")
            .count().avg(DURATION).avg(INPUT).avg(OUTPUT).sum(COST)
            .orderByDescending("sum(" + COST + ")"));
  }

  /**
   * MCP tool usage: tool calls started since {@code since}, grouped by the {@code server} and
   * {@code name} fields of the tool call, most used first: calls and average duration, then the
   * failed calls of the same groups (a second GROUP BY over the same rows, filtered by status).
   * Returns one line per group.
   */
  public static List<String> toolUsage(AgentStore tenant, Instant since) {
    ExecutionItems<ToolCall> calls = tenant.agentExecutions().toolCallsAcross();
    Aggregation byTool = Aggregation.groupBy("server", "name");
    AggregateResult usage = calls.aggregate(ExecutionItemQuery.builder().since(since).build(),
        byTool.count().avg("durationMs").orderByDescending("count"));
    AggregateResult failed = calls.aggregate(ExecutionItemQuery.builder().since(since)
        .where("status", ToolCallStatus.FAILED).build(), byTool.count());
    Map<String, Long> errors = new HashMap<>();
    failed.rows().forEach(r -> errors.put(r.keyText("server") + " / " + r.keyText("name"),
        r.count()));
    List<String> out = new ArrayList<>();
    for (AggregateResult.Row row : usage.rows()) {
      String tool = row.keyText("server") + " / " + row.keyText("name");
      out.add(tool + ": calls=" + row.count() + " avgDurationMs="
          + row.avg("durationMs").toPlainString() + " errors=" + errors.getOrDefault(tool, 0L));
    }
    return out;
  }

  /**
   * The retention pass: deletes, in bounded batches, the executions that completed before
   * {@code cutoff} (their messages and tool calls go with them) and returns how many went.
   */
  public static long retention(AgentStore tenant, Instant cutoff) {
    DeleteResult r = tenant.agentExecutions().deleteWhere(Query.builder()
        .where("status.completedAt").lessThan(cutoff).build());
    return r.deleted();
  }

  /** Seeds {@code dir}'s store and prints the reports to {@code out}. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      Organization org = store.organizations().apply(Organization.builder().name("Reports Inc")
          .build());
      AgentStore tenant = store.forOrg(org.id()).as("reports");
      Instant now = Instant.now();
      Agent support = agent(tenant, org, "Support Bot");
      Agent triage = agent(tenant, org, "Triage Bot");
      Session s1 = session(tenant, org, support);
      Session s2 = session(tenant, org, triage);
      Instant recent = now.minus(Duration.ofHours(3));
      finished(tenant, org, s1, support, "gpt-4o", now.minus(Duration.ofDays(1)), 1200, 900, 300,
          "0.10", ExecutionPhase.COMPLETED,
          call("c1", "github", "search_issues", recent, 120, null),
          call("c2", "github", "search_issues", recent.plusSeconds(1), 80, null),
          call("c3", "github", "create_issue", recent.plusSeconds(2), 300, "403 Forbidden"),
          call("c4", "filesystem", "read_file", recent.plusSeconds(3), 15, null));
      finished(tenant, org, s1, support, "gpt-4o", now.minus(Duration.ofDays(2)), 800, 1100, 200,
          "0.20", ExecutionPhase.COMPLETED,
          call("c5", "github", "search_issues", now.minus(Duration.ofDays(2)), 999, null));
      finished(tenant, org, s2, triage, "gpt-4o-mini", now.minus(Duration.ofDays(120)), 100, 200,
          50, "1.00", ExecutionPhase.COMPLETED,
          call("c6", "filesystem", "read_file", now.minus(Duration.ofDays(120)), 5, null));
      finished(tenant, org, s1, support, "gpt-4o", now.minus(Duration.ofDays(3)), 5000, 10, 0,
          "9.99", ExecutionPhase.FAILED);
      finished(tenant, org, s1, support, "gpt-4o-mini", now.minus(Duration.ofDays(4)), 300, 400,
          100, "0.01", ExecutionPhase.COMPLETED);
      finished(tenant, org, s2, triage, "gpt-4o-mini", now.minus(Duration.ofDays(5)), 100, 200,
          50, "0.005", ExecutionPhase.COMPLETED);
      finished(tenant, org, s2, triage, "gpt-4o-mini", now.minus(Duration.ofDays(30)), 100, 200,
          50, "7.00", ExecutionPhase.COMPLETED);

      AggregateResult report = agentPerformance(tenant, now.minus(Duration.ofDays(7)));
      out.println("agent performance, last 7 days, completed runs:");
      for (AggregateResult.Row row : report.rows()) {
        String agent = tenant.agents().get(row.keyText("spec.agentId"))
            .map(a -> a.metadata().name()).orElse("?");
        out.println("  " + agent + " / " + row.keyText("spec.config.model") + ": runs="
            + row.count() + " avgDurationMs=" + row.avg(DURATION).toPlainString()
            + " avgInputTokens=" + row.avg(INPUT).toPlainString()
            + " avgOutputTokens=" + row.avg(OUTPUT).toPlainString()
            + " costUsd=" + row.sum(COST).toPlainString());
      }
      out.println("MCP tool usage, last 24 hours:");
      toolUsage(tenant, now.minus(Duration.ofHours(24))).forEach(l -> out.println("  " + l));
      long before = tenant.agentExecutions().toolCallsAcross().count(ExecutionItemQuery.all());
      long deleted = retention(tenant, now.minus(Duration.ofDays(90)));
      long after = tenant.agentExecutions().toolCallsAcross().count(ExecutionItemQuery.all());
      out.println("retention, 90 days: deleted " + deleted + " executions; tool calls "
          + before + " -> " + after);
    }
  }

  private static ToolCall call(String id, String server, String tool, Instant started,
      long durationMs, String error) {
    return ToolCall.builder().id(id).name(tool).status(error == null ? ToolCallStatus.COMPLETED
        : ToolCallStatus.FAILED).error(error).startedAt(started)
        .completedAt(started.plusMillis(durationMs))
        .unknownFields(Map.of("server", JsonNodeFactory.instance.textNode(server),
            "durationMs", JsonNodeFactory.instance.numberNode(durationMs)))
        .build();
  }

  private static Agent agent(AgentStore tenant, Organization org, String name) {
    return tenant.agents().apply(Agent.builder().org(org.id()).name(name)
        .instructions("Help.").build());
  }

  private static Session session(AgentStore tenant, Organization org, Agent agent) {
    AgentInstance i = tenant.agentInstances().apply(AgentInstance.builder().org(org.id())
        .name(agent.metadata().name() + " (prod)").agentId(agent.id()).description("prod")
        .build());
    return tenant.sessions().create(Session.builder().org(org.id())
        .name("Chat " + System.nanoTime())
        .spec(SessionSpec.builder().agentInstanceId(i.id()).subject("user").threadId("t")
            .metadata(Map.of()).build())
        .build());
  }

  private static void finished(AgentStore tenant, Organization org, Session s, Agent agent,
      String model, Instant started, long durationMs, long input, long output, String cost,
      ExecutionPhase end, ToolCall... calls) {
    AgentExecution e = tenant.agentExecutions().create(AgentExecution.builder().org(org.id())
        .name("Run " + System.nanoTime()).sessionId(s.id()).agentId(agent.id())
        .message("help").model(model).build());
    e = tenant.agentExecutions().updateStatus(e.withStatus(e.status().toBuilder()
        .startedAt(started).completedAt(started.plusMillis(durationMs))
        .usage(Usage.builder().durationMs(durationMs).inputTokens(input).outputTokens(output)
            .costUsd(new BigDecimal(cost)).build())
        .build()));
    for (ToolCall c : calls) {
      tenant.agentExecutions().upsertToolCall(e.id(), c);
    }
    tenant.agentExecutions().transition(e.id(), end);
  }
}
