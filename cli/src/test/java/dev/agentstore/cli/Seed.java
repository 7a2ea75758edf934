package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.Metadata;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.ExecutionValue;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A small store with one of each thing the commands show, and secrets to keep hidden. */
record Seed(String org, String agent, String otherAgent, String env, String run,
    String envSecret, String runSecret) {

  static Seed into(AgentStore store) {
    String envSecret = "env-secret-" + UUID.randomUUID();
    String runSecret = "run-secret-" + UUID.randomUUID();
    Organization org = store.organizations().create(Organization.builder().name("Acme").build());
    AgentStore tenant = store.forOrg(org.id()).as("alice");
    Agent agent = tenant.agents().create(Agent.builder().org(org.id()).name("Support Bot")
        .label("team", "support").instructions("Answer briefly.").build());
    tenant.agents().update(agent.withSpec(agent.spec().withInstructions("Be brief.")));
    Agent other = tenant.agents().create(Agent.builder().org(org.id()).name("Sales Bot")
        .label("team", "sales").instructions("Sell.").build());
    Environment env = tenant.environments().create(new Environment(Metadata.of(org.id(), "prod"),
        EnvironmentSpec.builder().description("production").data(Map.of(
            "TOKEN", EnvironmentValue.secret(envSecret),
            "REGION", EnvironmentValue.plain("eu-west-1"))).build(), null));
    AgentInstance prod = tenant.agentInstances().create(AgentInstance.builder().org(org.id())
        .name("Support Bot (prod)").agentId(agent.id()).build());
    Session session = tenant.sessions().create(Session.builder().org(org.id()).name("Chat 1")
        .agentInstanceId(prod.id()).subject("user-42").threadId("thread-1").build());
    AgentExecution run = tenant.agentExecutions().create(AgentExecution.builder().org(org.id())
        .name("Run 1").sessionId(session.id()).agentId(agent.id()).message("Why is it slow?")
        .model("gpt-4o").runtimeEnv(Map.of("API_TOKEN", ExecutionValue.secret(runSecret)))
        .build());
    tenant.agentExecutions().transition(run.id(), ExecutionPhase.IN_PROGRESS);
    // still running: a terminal phase drops an execution's secret runtime values
    store.artifacts().put(run.id() + "/report.txt",
        new ByteArrayInputStream("report".getBytes(StandardCharsets.UTF_8)),
        ArtifactPutOptions.defaults());
    return new Seed(org.id(), agent.id(), other.id(), env.id(), run.id(), envSecret, runSecret);
  }
}
