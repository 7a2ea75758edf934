package dev.agentstore.examples.snippets;

import dev.agentstore.ResourceRepository;
import dev.agentstore.Metadata;
import dev.agentstore.KindDefinition;
import dev.agentstore.FieldType;
import dev.agentstore.FieldRule;
import dev.agentstore.CustomResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AgentStore;
import dev.agentstore.Claim;
import dev.agentstore.Kind;
import dev.agentstore.MaintenanceReport;
import dev.agentstore.DeleteResult;
import dev.agentstore.DeleteOptions;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactRef;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.history.Subscription;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.IssuedApiKey;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.ToolCall;
import dev.agentstore.tck.RepositoryTck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's Java blocks, as compiled code (JavadocSnippetsTest checks that each block stands
 * here). The fields stand for what the README's reader has at hand.
 */
@SuppressWarnings("unused")
abstract class ReadmeSnippets {
  AgentStore store;
  String org;
  String agentId;
  String headerValue;
  long lastSeen;
  InputStream in;

  abstract void index(ResourceVersion change);

  void customKinds(java.nio.file.Path dir, String orgId) {
    KindDefinition profile = KindDefinition.builder("amelia.dev", "Profile").idPrefix("prf")
        .field("spec.owner", FieldType.STRING, FieldRule.required())
        .field("status.state", FieldType.STRING, FieldRule.oneOf("active", "inactive"))
        .uniqueWhere(List.of("spec.owner"), KindDefinition.Where.in("status.state", "active"))
        .build();
    try (AgentStore store = AgentStore.builder().uri("local:" + dir).kind(profile).open()) {
      ResourceRepository<CustomResource<ObjectNode, ObjectNode>> profiles = store.resources(profile);
      profiles.create(CustomResource.of(profile, Metadata.of(orgId, "work"),
          JsonNodeFactory.instance.objectNode().put("owner", "ada")));
    }
  }

  void quickstart() {
    try (AgentStore store = AgentStore.open("local:/var/lib/agents")) {   // "local:" = ~/.agentstore
      Organization acme = store.organizations().apply(
          Organization.builder().name("Acme Corp").description("Acme's agents").build());
      AgentStore tenant = store.forOrg(acme.id()).as("alice");            // one tenant, one actor

      Agent agent = tenant.agents().create(Agent.builder().org(acme.id()).name("Support Bot")
          .instructions("Answer briefly.").build());
      AgentInstance prod = tenant.agentInstances().create(AgentInstance.builder().org(acme.id())
          .name("Support Bot (prod)").label("env", "prod").agentId(agent.id()).build());
      Session session = tenant.sessions().create(Session.builder().org(acme.id()).name("Chat 1")
          .agentInstanceId(prod.id()).subject("user-42").threadId("thread-1").build());

      AgentExecution run = tenant.agentExecutions().create(AgentExecution.builder().org(acme.id())
          .name("Run 1").sessionId(session.id()).agentId(agent.id())
          .message("Why is checkout slow?").model("gpt-4o").build());
      tenant.agentExecutions().transition(run.id(), ExecutionPhase.IN_PROGRESS);
      tenant.agentExecutions().appendMessages(run.id(),
          AgentMessage.of(MessageType.HUMAN, "Why is checkout slow?", Instant.now()));
      tenant.agentExecutions().upsertToolCall(run.id(), ToolCall.pending("call-1", "get_latency", null));
      tenant.agentExecutions().transition(run.id(), ExecutionPhase.COMPLETED);

      Page<AgentExecution> done = tenant.agentExecutions().list(Query.builder()
          .phase(ExecutionPhase.COMPLETED).where("spec.config.model", "gpt-4o").pageSize(50).build());
      List<ResourceVersion> history = tenant.history().list(run.id());
    }
  }

  void secrets() {
    store.environments().create(Environment.builder().org(org).name("prod")
        .data(Map.of("STRIPE_KEY", EnvironmentValue.secret(System.getenv("STRIPE_KEY")))).build());

    IssuedApiKey issued = store.apiKeys().issue(org, "ci", Instant.now().plus(Duration.ofDays(90)));
    String shownOnce = issued.plaintext();                       // only a keyed hash is stored
    Optional<ApiKey> caller = store.apiKeys().verify(headerValue); // expired/revoked: PermissionDenied
  }

  void history() throws InterruptedException {
    List<ResourceVersion> versions = store.history().list(agentId);
    Optional<ResourceVersion> v1 = store.history().get(agentId, 1);
    store.history().prune(Instant.now().minus(Duration.ofDays(90)));  // keeps every latest version

    List<ResourceVersion> next = store.changes().since(lastSeen, 100); // gapless, in sequence order
    try (Subscription s = store.changes().subscribe(lastSeen, change -> index(change))) { Thread.sleep(10); }
  }

  void claims() {
    Query due = Query.builder().phase(ExecutionPhase.PENDING).build();
    for (Claim<WorkflowExecution> c : store.workflowExecutions().claim(due, "worker-1",
        Duration.ofMinutes(5), 10)) {
      store.workflowExecutions().transition(c.resource().id(), ExecutionPhase.IN_PROGRESS);
      store.workflowExecutions().release(c.resource().id(), "worker-1");
    }
  }

  void maintenance() {
    AgentStore store = AgentStore.builder().uri("local:/var/lib/agents")
        .retention(Kind.AGENT_EXECUTION, Duration.ofDays(90))
        .historyRetention(Duration.ofDays(365)).open();
    MaintenanceReport r = store.maintenance().run(); // e.g. hourly, from a scheduler
  }

  void retention() {
    DeleteResult r = store.agentExecutions().deleteWhere(Query.builder()
        .createdBefore(Instant.now().minus(Duration.ofDays(90))).build(),
        DeleteOptions.builder().pruneHistory(true).deleteArtifacts(true).build());
    store.history().prune(Instant.now().minus(Duration.ofDays(30)), Kind.AGENT_EXECUTION);
  }

  void artifacts() throws IOException {
    ArtifactRef ref = store.artifacts().put("wex-01j9.../report.pdf", in,
        ArtifactPutOptions.builder().contentType("application/pdf").build());
    try (InputStream pdf = store.artifacts().get(ref.key())) { pdf.transferTo(OutputStream.nullOutputStream()); }
  }

  abstract static class Tck {
    abstract static class MyBackendRepositoryTest extends RepositoryTck {
      @Override
      protected AgentStore.Builder newStoreBuilder() {
        return AgentStore.builder().uri("mydb://localhost/" + freshDatabaseName());
      }
    }

    static String freshDatabaseName() {
      return "agentstore_" + System.nanoTime();
    }
  }
}
