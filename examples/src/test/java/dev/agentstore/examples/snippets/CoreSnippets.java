package dev.agentstore.examples.snippets;

import dev.agentstore.AgentStore;
import dev.agentstore.Ids;
import dev.agentstore.JsonPath;
import dev.agentstore.Kind;
import dev.agentstore.LabelSelector;
import dev.agentstore.Labels;
import dev.agentstore.Metadata;
import dev.agentstore.OwnerScope;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.Resource;
import dev.agentstore.ResourceJson;
import dev.agentstore.ResourceType;
import dev.agentstore.Slugs;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.AgentStatus;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.Session;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The Javadoc usage lines of the core types (ids, slugs, labels, metadata, queries, JSON), as
 * compiled code (see JavadocSnippetsTest). The fields stand for what a caller has at hand.
 */
@SuppressWarnings("unused")
abstract class CoreSnippets {
  AgentStore store;
  String org;
  String orgId;
  String sessionId;
  String text;
  Agent agent;
  Metadata metadata;

  void kind() {
    Kind k = Kind.fromId("agt-01hx...").orElseThrow();
  }

  void ownerScope() {
    Metadata m = Metadata.of(org, "bot").withOwnerScope(OwnerScope.IDENTITY_ACCOUNT);
  }

  void slugs() {
    String slug = Slugs.derive("Support Bot v2!", "metadata.name");
  }

  void labels() {
    Labels.requireValid(metadata.labels(), "metadata.labels");
  }

  void metadata() {
    Metadata m = Metadata.builder().org(orgId).name("Support Bot").label("env", "prod").build();
  }

  Session s;

  void expiry() {
    Metadata.builder().org(orgId).name("scratch").expiresAt(Instant.now().plus(Duration.ofHours(1))).build();
    store.sessions().update(s.withMetadata(s.metadata().withExpiresAt(Instant.now().plus(Duration.ofDays(1)))));
  }

  void queries() {
    Query pending = Query.builder().labelSelector("env=prod").phase(ExecutionPhase.PENDING).pageSize(50).build();
    Query firstTen = Query.builder().org(org).pageSize(10).build();
    Query byModel = Query.builder().where("spec.config.model", "gpt-4o").build();
    Query failed = Query.builder().isNotNull("status.error").build();
    Query clean = Query.builder().isNull("status.error").build();
    Query bySession = Query.builder().ref(RefField.SESSION_ID, sessionId).build();
  }

  Instant from;
  Instant to;
  Query q;

  void queryOperators() {
    Query q = Query.builder().org(org)
        .where("status.usage.costUsd").greaterThan(new BigDecimal("0.10"))
        .range("status.startedAt", from, to)
        .filter("status.usage.inputTokens >= 1000 and spec.config.model in (\"a\", \"b\")")
        .phaseIn(ExecutionPhase.PENDING, ExecutionPhase.IN_PROGRESS)
        .orderBy("status.startedAt", true)
        .build();
    Query.Builder b = Query.builder();
    b.phaseIn(ExecutionPhase.PENDING, ExecutionPhase.IN_PROGRESS);
    b.where("status.usage.costUsd").greaterThan(new BigDecimal("0.10"));
    b.range("status.startedAt", from, to);
    b.filter("status.usage.inputTokens >= 1000 and spec.config.model in (\"a\", \"b\")");
    b.orderBy("status.startedAt", true);
    Query tagged = Query.builder().where("spec.tags").contains("network:http").build();
  }

  void explain() {
    boolean fast = store.agentExecutions().explain(q).step("status.usage.costUsd").orElseThrow().indexed();
  }

  void jsonPath() {
    JsonPath p = JsonPath.parse("spec.config.model");
  }

  void ids() {
    String id = Ids.next(Kind.AGENT); Ids.require(id, Kind.AGENT, "metadata.id");
  }

  void labelSelector() {
    LabelSelector s = LabelSelector.parse("env=prod,tier!=free,team in (a,b),!deprecated");
  }

  void resourceJson() {
    Resource<?, ?> r = ResourceJson.read(text); store.repository(ResourceType.of(r.kind())).get(r.id());
  }

  void resourceType() {
    ResourceType<Agent, AgentSpec, AgentStatus> t = ResourceType.AGENT; ResourceType<?, ?, ?> any = ResourceType.of(Kind.SKILL);
  }

  void resource() {
    long v = agent.metadata().version();
  }
}
