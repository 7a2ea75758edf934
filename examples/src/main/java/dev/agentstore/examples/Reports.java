package dev.agentstore.examples;

import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.Usage;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * AFU-9's "agent performance" report on the embedded store: per agent and model over the last
 * seven days, errors excluded, the number of runs, the average duration and tokens and the total
 * cost, computed by one GROUP BY in the database ({@code repo.aggregate}) with exact decimal
 * sums. Seeds a few executions first (one failed, one older than a week) so the filters show.
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

  /** Seeds {@code dir}'s store and prints the report to {@code out}. */
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
      finished(tenant, org, s1, support, "gpt-4o", now.minus(Duration.ofDays(1)), 1200, 900, 300,
          "0.10", ExecutionPhase.COMPLETED);
      finished(tenant, org, s1, support, "gpt-4o", now.minus(Duration.ofDays(2)), 800, 1100, 200,
          "0.20", ExecutionPhase.COMPLETED);
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
    }
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
      ExecutionPhase end) {
    AgentExecution e = tenant.agentExecutions().create(AgentExecution.builder().org(org.id())
        .name("Run " + System.nanoTime()).sessionId(s.id()).agentId(agent.id())
        .message("help").model(model).build());
    e = tenant.agentExecutions().updateStatus(e.withStatus(e.status().toBuilder()
        .startedAt(started).completedAt(started.plusMillis(durationMs))
        .usage(Usage.builder().durationMs(durationMs).inputTokens(input).outputTokens(output)
            .costUsd(new BigDecimal(cost)).build())
        .build()));
    tenant.agentExecutions().transition(e.id(), end);
  }
}
