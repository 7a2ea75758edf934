package dev.agentstore.examples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.ToolCallStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The quickstart: opens the embedded default store (SQLite + local files) in the directory given
 * on the command line, or in a new temporary directory, and walks through the core API.
 *
 * <p>Usage: {@code mvn -q -B -pl examples -am -DskipTests package exec:java -Dexec.args=/tmp/agents}
 */
public final class Quickstart {
  private Quickstart() {}

  /** Runs the quickstart; the optional argument is the data directory. */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("agentstore-");
    run(dir, System.out);
  }

  /** Runs the quickstart against {@code dir}, printing what it does to {@code out}. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      out.println("opened store at " + dir);

      // Tenancy: everything but organizations belongs to one org.
      Organization acme = store.organizations().apply(Organization.builder()
          .name("Acme Corp").description("Acme's agents").build());
      AgentStore tenant = store.forOrg(acme.id()).as("quickstart");
      out.println("organization " + acme.metadata().slug() + " (" + acme.id() + ")");

      // Template, deployment, conversation.
      Agent agent = tenant.agents().apply(Agent.builder().org(acme.id()).name("Support Bot")
          .label("team", "support").instructions("Answer briefly and cite the runbook.").build());
      AgentInstance prod = tenant.agentInstances().apply(AgentInstance.builder().org(acme.id())
          .name("Support Bot (prod)").label("env", "prod").agentId(agent.id())
          .description("production deployment").build());
      Session session = tenant.sessions().create(Session.builder().org(acme.id())
          .name("Chat " + Instant.now().toEpochMilli())
          .spec(SessionSpec.builder().agentInstanceId(prod.id()).subject("user-42")
              .threadId("thread-1").metadata(Map.of("channel", "web")).build())
          .build());
      out.println("agent " + agent.metadata().slug() + " v" + agent.metadata().version()
          + ", instance " + prod.metadata().slug() + ", session " + session.id());

      // An execution: messages and tool calls are appended, not rewritten.
      AgentExecution run = tenant.agentExecutions().create(AgentExecution.builder()
          .org(acme.id()).name("Run " + Instant.now().toEpochMilli()).sessionId(session.id())
          .agentId(agent.id()).message("Why is checkout slow?").model("gpt-4o").build());
      tenant.agentExecutions().transition(run.id(), ExecutionPhase.IN_PROGRESS);
      Instant now = Instant.now();
      tenant.agentExecutions().appendMessages(run.id(),
          AgentMessage.of(MessageType.HUMAN, "Why is checkout slow?", now),
          AgentMessage.of(MessageType.AI, "Let me look at the latency dashboard.", now));
      var args = JsonNodeFactory.instance.objectNode().put("service", "checkout");
      tenant.agentExecutions().upsertToolCall(run.id(), ToolCall.pending("call-1",
          "get_latency", args));
      tenant.agentExecutions().upsertToolCall(run.id(), ToolCall.pending("call-1",
          "get_latency", args).finished(ToolCallStatus.COMPLETED, "p99 = 2.3 s", Instant.now()));
      tenant.agentExecutions().appendMessages(run.id(),
          AgentMessage.of(MessageType.AI, "p99 latency is 2.3 s; the DB pool is saturated.",
              Instant.now()));
      AgentExecution done = tenant.agentExecutions().transition(run.id(),
          ExecutionPhase.COMPLETED);
      out.println("execution " + done.id() + " is " + done.status().phase() + " with "
          + done.status().messages().size() + " messages and "
          + done.status().toolCalls().size() + " tool call(s), version "
          + done.metadata().version());
      for (AgentMessage m : done.status().messages()) {
        out.println("  " + m.type() + ": " + m.content());
      }

      // Secrets are sealed before they reach the database; toString() masks them.
      Environment env = tenant.environments().apply(Environment.builder().org(acme.id())
          .name("Production").description("prod settings").data(Map.of(
              "REGION", EnvironmentValue.plain("eu-west-1"),
              "PAYMENTS_TOKEN", EnvironmentValue.secret("tok_live_quickstart_only")))
          .build());
      out.println("environment " + env.metadata().slug() + ": PAYMENTS_TOKEN="
          + env.spec().data().get("PAYMENTS_TOKEN") + " (sealed at rest with "
          + dir.resolve("master.key").getFileName() + ")");

      // Artifacts live beside the database, streamed and checksummed.
      ArtifactRef report = tenant.artifacts().put(run.id() + "/answer.txt",
          new ByteArrayInputStream(done.status().messages().get(2).content()
              .getBytes(StandardCharsets.UTF_8)),
          ArtifactPutOptions.builder().contentType("text/plain").build());
      out.println("artifact " + report.key() + " (" + report.size() + " bytes, sha256 "
          + report.sha256().substring(0, 12) + "...)");

      // Queries: label selectors, phases, JSON fields; keyset pages.
      long prodInstances = tenant.agentInstances().count(Query.builder()
          .labelSelector("env=prod").build());
      long completed = tenant.agentExecutions().count(Query.builder()
          .phase(ExecutionPhase.COMPLETED).where("spec.config.model", "gpt-4o").build());
      out.println("instances with env=prod: " + prodInstances
          + "; completed gpt-4o executions: " + completed);

      // Every write left a history entry.
      for (ResourceVersion v : tenant.history().list(run.id())) {
        out.println("  history v" + v.resourceVersion() + " " + v.event() + " by " + v.actor());
      }
    }
  }
}
