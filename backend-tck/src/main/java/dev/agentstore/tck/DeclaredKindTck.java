package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.CustomResource;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.ResourceRepository;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.spi.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Application-defined kinds: a {@link KindDefinition} declared on the builder is persisted,
 * checked on every write, enforced by the database (unique and partial unique keys, {@code oneOf}
 * checks, references) and served with the envelope, versions, history and queries of the
 * built-in kinds. Changes to a definition are versioned; one the stored data breaks is refused.
 *
 * <p>Usage: {@code class LocalDeclaredKindTest extends DeclaredKindTck { ... newStoreBuilder() ... }}
 */
public abstract class DeclaredKindTck extends TckSupport {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Swarm's triggers (seed 001): typed fields, a reference, a unique path, an index. */
  static KindDefinition.Builder triggerBuilder() {
    return KindDefinition.builder("swarm.dev", "Trigger").idPrefix("trg")
        .field("spec.workflowId", FieldType.REFERENCE, FieldRule.references(Kind.WORKFLOW))
        .field("spec.type", FieldType.STRING, FieldRule.required(),
            FieldRule.oneOf("webhook", "schedule", "event"))
        .field("spec.webhookPath", FieldType.STRING)
        .field("spec.name", FieldType.STRING)
        .field("spec.version", FieldType.INTEGER)
        .field("spec.weight", FieldType.DECIMAL)
        .field("spec.enabled", FieldType.BOOLEAN)
        .field("spec.capabilities", FieldType.STRING_LIST)
        .field("status.nextRunAt", FieldType.TIMESTAMP)
        .unique("spec.webhookPath")
        .unique("spec.name", "spec.version")
        .index("spec.type", "status.nextRunAt");
  }

  /** Amelia's profiles (seed 003): one active profile per owner. */
  static KindDefinition profiles() {
    return KindDefinition.builder("amelia.dev", "Profile").idPrefix("prf")
        .field("spec.owner", FieldType.STRING, FieldRule.required())
        .field("status.state", FieldType.STRING, FieldRule.oneOf("active", "inactive"))
        .uniqueWhere(List.of("spec.owner"), KindDefinition.Where.in("status.state", "active"))
        .build();
  }

  private final KindDefinition trigger = triggerBuilder().build();

  /** Opens the test's store again, declaring both kinds (the base store declares none). */
  @org.junit.jupiter.api.BeforeEach
  void declareKinds() {
    store = open(location.copy().kind(trigger).kind(profiles()));
  }

  private ResourceRepository<CustomResource<ObjectNode, ObjectNode>> triggers(AgentStore s) {
    return s.resources(trigger);
  }

  private static ObjectNode spec(String type) {
    return JSON.objectNode().put("type", type);
  }

  private CustomResource<ObjectNode, ObjectNode> newTrigger(String org, ObjectNode spec) {
    return triggers(store).create(CustomResource.of(trigger, Metadata.of(org, unique("t")),
        spec));
  }

  @Test
  void aDeclaredKindHasTheEnvelopeVersionsHistoryAndQueriesOfABuiltInOne() {
    String org = newOrg().id();
    String workflowId = newWorkflowExecution(store, org).spec().workflowId();
    CustomResource<ObjectNode, ObjectNode> t = newTrigger(org, spec("webhook")
        .put("workflowId", workflowId).put("webhookPath", "/hooks/a").put("version", 3)
        .put("weight", new java.math.BigDecimal("0.30")).put("enabled", true));
    assertThat(t.id()).startsWith("trg-");
    assertThat(t.kind()).isEqualTo(trigger.kind());
    assertThat(t.metadata().version()).isEqualTo(1);
    assertThat(t.spec().get("webhookPath").asText()).isEqualTo("/hooks/a");

    CustomResource<ObjectNode, ObjectNode> scheduled = triggers(store).updateStatus(t.withStatus(
        JSON.objectNode().put("nextRunAt", "2026-12-01T10:00:00Z")));
    assertThat(scheduled.metadata().version()).isEqualTo(2);
    assertThat(triggers(store).get(t.id()).orElseThrow().status().get("nextRunAt").asText())
        .isEqualTo("2026-12-01T10:00:00Z");

    List<ResourceVersion> versions = store.history().list(t.id());
    assertThat(versions).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.CREATED, ChangeEvent.STATUS_UPDATED);
    assertThat(versions.get(0).snapshot().get("apiVersion").asText()).isEqualTo("swarm.dev/v1");
    assertThat(versions.get(0).snapshot().get("kind").asText()).isEqualTo("Trigger");

    // Range, equality and order on declared fields, keyset-paged.
    for (int i = 0; i < 5; i++) {
      CustomResource<ObjectNode, ObjectNode> s = newTrigger(org, spec("schedule"));
      triggers(store).updateStatus(s.withStatus(JSON.objectNode()
          .put("nextRunAt", "2026-12-0" + (i + 2) + "T00:00:00.5Z")));
    }
    Query due = Query.builder().where("spec.type", "schedule")
        .where("status.nextRunAt").lessOrEqual("2026-12-04T00:00:00.5Z")
        .orderBy("status.nextRunAt", true).pageSize(2).build();
    Page<CustomResource<ObjectNode, ObjectNode>> first = triggers(store).list(due);
    assertThat(first.items()).extracting(r -> r.status().get("nextRunAt").asText())
        .containsExactly("2026-12-04T00:00:00.5Z", "2026-12-03T00:00:00.5Z");
    Page<CustomResource<ObjectNode, ObjectNode>> rest = triggers(store).list(due.toBuilder()
        .pageToken(first.nextPageToken()).build());
    assertThat(rest.items()).extracting(r -> r.status().get("nextRunAt").asText())
        .containsExactly("2026-12-02T00:00:00.5Z");
    assertThat(triggers(store).explain(due).toString()).contains("status.nextRunAt");
    assertThat(triggers(store).count(Query.builder()
        .where("spec.weight", new java.math.BigDecimal("0.3")).build())).isEqualTo(1);

    // Org views: another org sees nothing.
    assertThat(triggers(store.forOrg(newOrg().id())).get(t.id())).isEmpty();
    triggers(store).delete(t.id());
    assertThat(triggers(store).get(t.id())).isEmpty();
  }

  @Test
  void declaredFieldsAreCheckedOnEveryWriteAndABadWriteChangesNothing() {
    String org = newOrg().id();
    assertThatThrownBy(() -> newTrigger(org, JSON.objectNode()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.type");
    assertThatThrownBy(() -> newTrigger(org, spec("cron")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.type")
        .hasMessageContaining("webhook");
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("version", "3")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.version");
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("version", 1.5)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.version");
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("enabled", "yes")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.enabled");
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("workflowId", "agt-x")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.workflowId");
    ObjectNode caps = spec("event");
    caps.putArray("capabilities").add("network:http").add(3);
    assertThatThrownBy(() -> newTrigger(org, caps))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.capabilities");
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("webhookPath", "x".repeat(513))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("512 bytes");
    CustomResource<ObjectNode, ObjectNode> ok = newTrigger(org, spec("event"));
    assertThatThrownBy(() -> triggers(store).updateStatus(ok.withStatus(JSON.objectNode()
        .put("nextRunAt", "tomorrow"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("status.nextRunAt");
    assertThat(triggers(store).get(ok.id()).orElseThrow().metadata().version()).isEqualTo(1);
    assertThat(triggers(store).count(Query.all())).isEqualTo(1);
  }

  @Test
  void aReferenceMustNameAResourceOfItsKindInTheOrgAndRestrictsItsDelete() {
    String org = newOrg().id();
    String otherOrgWorkflow = newWorkflowExecution(store, newOrg().id()).spec().workflowId();
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("workflowId", otherOrgWorkflow)))
        .isInstanceOf(FailedPreconditionException.class);
    var wex = newWorkflowExecution(store, org);
    CustomResource<ObjectNode, ObjectNode> t = newTrigger(org, spec("event")
        .put("workflowId", wex.spec().workflowId()));
    store.workflowExecutions().delete(wex.id());
    store.workflowInstances().delete(wex.spec().workflowInstanceId());
    assertThatThrownBy(() -> store.workflows().delete(wex.spec().workflowId()))
        .isInstanceOf(FailedPreconditionException.class);
    triggers(store).delete(t.id());
    store.workflows().delete(wex.spec().workflowId());
    assertThat(store.workflows().get(wex.spec().workflowId())).isEmpty();
  }

  @Test
  void uniqueKeysHoldPerOrgAndARaceOfWritersLeavesExactlyOneWinner() throws Exception {
    String org = newOrg().id();
    int writers = 8;
    AtomicInteger won = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> lost = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      Thread th = new Thread(() -> {
        try {
          newTrigger(org, spec("webhook").put("webhookPath", "/hooks/race"));
          won.incrementAndGet();
        } catch (RuntimeException e) {
          lost.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertThat(won.get()).isEqualTo(1);
    assertThat(lost).hasSize(writers - 1).allSatisfy(e ->
        assertThat(e).isInstanceOf(AlreadyExistsException.class));
    assertThat(triggers(store).count(Query.builder()
        .where("spec.webhookPath", "/hooks/race").build()))
        .isEqualTo(1);

    // Composite key: same name, other version is fine; same pair is not.
    newTrigger(org, spec("event").put("name", "deploy").put("version", 1));
    newTrigger(org, spec("event").put("name", "deploy").put("version", 2));
    assertThatThrownBy(() -> newTrigger(org, spec("event").put("name", "deploy")
        .put("version", new java.math.BigDecimal("2.0"))))
        .isInstanceOf(AlreadyExistsException.class);
    // Absent values are held to no key; another org has keys of its own.
    newTrigger(org, spec("event").put("name", "deploy"));
    newTrigger(org, spec("event").put("name", "deploy"));
    newTrigger(newOrg().id(), spec("webhook").put("webhookPath", "/hooks/race"));
    // An update into a taken key is refused too and changes nothing.
    CustomResource<ObjectNode, ObjectNode> other = newTrigger(org, spec("webhook")
        .put("webhookPath", "/hooks/other"));
    assertThatThrownBy(() -> triggers(store).update(other.withSpec(spec("webhook")
        .put("webhookPath", "/hooks/race")))).isInstanceOf(AlreadyExistsException.class);
    assertThat(triggers(store).get(other.id()).orElseThrow().spec().get("webhookPath").asText())
        .isEqualTo("/hooks/other");
  }

  @Test
  void aPartialUniqueKeyHoldsOnlyAmongTheResourcesItsConditionSelects() {
    String org = newOrg().id();
    var profiles = store.resources(profiles());
    ObjectNode ada = JSON.objectNode().put("owner", "ada");
    var p1 = profiles.create(new CustomResource<>(profiles().kind(), Metadata.of(org, "p1"), ada,
        JSON.objectNode().put("state", "active")));
    var p2 = profiles.create(new CustomResource<>(profiles().kind(), Metadata.of(org, "p2"), ada,
        JSON.objectNode().put("state", "inactive")));
    profiles.create(new CustomResource<>(profiles().kind(), Metadata.of(org, "p3"), ada,
        JSON.objectNode().put("state", "inactive")));
    assertThatThrownBy(() -> profiles.updateStatus(p2.withStatus(JSON.objectNode()
        .put("state", "active")))).isInstanceOf(AlreadyExistsException.class);
    profiles.updateStatus(p1.withStatus(JSON.objectNode().put("state", "inactive")));
    var active = profiles.updateStatus(profiles.get(p2.id()).orElseThrow().withStatus(
        JSON.objectNode().put("state", "active")));
    assertThat(active.status().get("state").asText()).isEqualTo("active");
  }

  @Test
  void theDatabaseEnforcesOneOfAndUniqueKeysBelowTheStore() {
    String org = newOrg().id();
    CustomResource<ObjectNode, ObjectNode> t = newTrigger(org, spec("webhook")
        .put("webhookPath", "/hooks/db"));
    StoredResource row = backendOf(store).read(tx -> tx.find(trigger.kind(), t.id()))
        .orElseThrow();
    StoredResource bogus = row.toBuilder().id("trg-" + t.id().substring(4, 10)
        + "0000000000000000").slug("bogus").specJson("{\"type\":\"cron\"}").build();
    assertThatThrownBy(() -> backendOf(store).write(tx -> {
      tx.insert(bogus);
      return null;
    })).isInstanceOf(InvalidArgumentException.class);
    StoredResource twin = bogus.toBuilder().specJson(row.specJson()).build();
    assertThatThrownBy(() -> backendOf(store).write(tx -> {
      tx.insert(twin);
      return null;
    })).isInstanceOf(AlreadyExistsException.class);
    assertThat(triggers(store).count(Query.all())).isEqualTo(1);
  }

  @Test
  void definitionsArePersistedSoAnotherHandleServesTheKindWithoutDeclaringIt() {
    String org = newOrg().id();
    CustomResource<ObjectNode, ObjectNode> t = newTrigger(org, spec("event"));
    {
      AgentStore plain = open(location.copy());
      assertThat(plain.kinds()).contains(trigger, profiles());
      KindDefinition stored = plain.kinds().stream()
          .filter(d -> d.kind().equals(trigger.kind())).findFirst().orElseThrow();
      assertThat(plain.resources(stored).get(t.id()).orElseThrow().spec().get("type").asText())
          .isEqualTo("event");
      assertThat(plain.changes().since(0, 1000)).anyMatch(c -> c.resourceId().equals(t.id())
          && c.kind().equals(trigger.kind()));
    }
  }

  @Test
  void aChangedDefinitionIsAppliedOnOpenOrRefusedNamingTheOffendingIds() {
    String org = newOrg().id();
    CustomResource<ObjectNode, ObjectNode> a = newTrigger(org, spec("event"));
    CustomResource<ObjectNode, ObjectNode> b = newTrigger(org, spec("event"));
    newTrigger(org, spec("schedule"));
    KindDefinition byType = triggerBuilder().unique("spec.type").build();
    assertThatThrownBy(() -> open(location.copy().kind(byType)))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(a.id()).hasMessageContaining(b.id());
    // Nothing changed: the stored definition is still the old one.
    assertThat(store.kinds()).contains(trigger);
    triggers(store).delete(b.id());
    {
      AgentStore changed = open(location.copy().kind(byType));
      assertThat(changed.kinds()).contains(byType).doesNotContain(trigger);
      assertThatThrownBy(() -> changed.resources(byType).create(CustomResource.of(byType,
          Metadata.of(org, "again"), spec("event")))).isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(() -> changed.resources(trigger))
          .isInstanceOf(InvalidArgumentException.class);
    }
    // Field changes the stored resources break are refused too (DeclaredFieldChangesTck).
    KindDefinition retyped = triggerBuilder().unique("spec.type").build();
    KindDefinition.Builder numbered = KindDefinition.builder("swarm.dev", "Trigger")
        .idPrefix("trg");
    for (KindDefinition.Field f : retyped.fields()) {
      FieldType type = f.path().text().equals("spec.type") ? FieldType.INTEGER : f.type();
      List<FieldRule> rules = new ArrayList<>();
      f.references().ifPresent(rules::add);
      numbered.field(f.path().text(), type, rules.toArray(FieldRule[]::new));
    }
    assertThatThrownBy(() -> open(location.copy().kind(numbered.build())))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("spec.type")
        .hasMessageContaining(a.id());
  }

  /**
   * A new unique key that more than two stored resources break names two of each group and
   * counts the rest; a pair is named without a count.
   */
  @Test
  void aNewUniqueKeyBrokenByManyResourcesNamesTwoAndCountsTheRest() {
    String org = newOrg().id();
    for (int i = 0; i < 4; i++) {
      newTrigger(org, spec("webhook"));
    }
    String pairs = newOrg().id();
    newTrigger(pairs, spec("event"));
    newTrigger(pairs, spec("event"));
    KindDefinition byType = triggerBuilder().unique("spec.type").build();

    assertThatThrownBy(() -> open(location.copy().kind(byType)))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("(and 2 more)")
        .hasMessageNotContaining("(and 0 more)");
    assertThat(open(location.copy()).kinds()).contains(trigger).doesNotContain(byType);
  }

  @Test
  void twoHandlesDeclaringTheSameNewKindAtOnceBothOpenAndCreateItOnce() throws Exception {
    KindDefinition audit = KindDefinition.builder("afu9.dev", "ToolCallAudit").idPrefix("tca")
        .field("spec.tool", FieldType.STRING, FieldRule.required()).index("spec.tool").build();
    List<AgentStore> opened = openAtOnce(location.copy().kind(audit), 2);
    String org = newOrg().id();
    var a = opened.get(0).resources(audit).create(CustomResource.of(audit,
        Metadata.of(org, "call-1"), JSON.objectNode().put("tool", "search")));
    assertThat(opened.get(1).resources(audit).get(a.id())).isPresent();
    assertThat(opened.get(1).kinds()).containsOnlyOnce(audit);
  }

  @Test
  void badDefinitionsAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> KindDefinition.builder("agentstore.dev", "X"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KindDefinition.builder("swarm.dev", "trigger"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("upper-case");
    assertThatThrownBy(() -> KindDefinition.builder("swarm.dev", "T").idPrefix("agt"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("built-in");
    assertThatThrownBy(() -> KindDefinition.builder("swarm.dev", "T").idPrefix("tt")
        .unique("spec.missing")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("spec.missing");
    assertThatThrownBy(() -> KindDefinition.builder("swarm.dev", "T").idPrefix("tt")
        .field("metadata.x", FieldType.STRING)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KindDefinition.builder("swarm.dev", "T").idPrefix("tt")
        .field("spec.tags", FieldType.STRING_LIST).index("spec.tags"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("single values");
    assertThatThrownBy(() -> KindDefinition.builder("swarm.dev", "T").idPrefix("tt")
        .field("spec.n", FieldType.INTEGER, FieldRule.oneOf("1")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("oneOf");
    KindDefinition clash = KindDefinition.builder("other.dev", "Trigger").idPrefix("trg").build();
    assertThatThrownBy(() -> open(location.copy().kind(clash)))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("trg");
    assertThatThrownBy(() -> store.resources(clash)).isInstanceOf(InvalidArgumentException.class);
    KindDefinition parent = KindDefinition.builder("other.dev", "Parent").idPrefix("opar")
        .build();
    KindDefinition child = KindDefinition.builder("other.dev", "Child").idPrefix("ochd")
        .field("spec.parentId", FieldType.REFERENCE, FieldRule.references(parent.kind())).build();
    assertThatThrownBy(() -> open(location.copy().kind(child)))
        .as("a reference to a declared kind the store does not hold")
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("Parent");
    assertThat(open(location.copy()).kinds()).doesNotContain(child);
    assertThat(KindDefinition.fromJson(trigger.toJson(), java.util.Map.of())).isEqualTo(trigger);
  }

  @Test
  void typedResourcesReadAndWriteTheApplicationsOwnRecords() {
    String org = newOrg().id();
    var typed = store.resources(trigger, TriggerSpec.class, TriggerStatus.class);
    var t = typed.create(new CustomResource<>(trigger.kind(), Metadata.of(org, "typed"),
        new TriggerSpec("webhook", "/hooks/typed"), new TriggerStatus(
            Instant.parse("2026-12-01T00:00:00Z").toString())));
    assertThat(typed.get(t.id()).orElseThrow().spec().webhookPath()).isEqualTo("/hooks/typed");
    assertThat(triggers(store).get(t.id()).orElseThrow().spec().get("type").asText())
        .isEqualTo("webhook");
    assertThatThrownBy(() -> typed.get("trg-nope")).isInstanceOf(InvalidArgumentException.class);
    assertThat(typed.delete("trg-01hx0000000000000000000000")).isFalse();
  }

  /** An application's spec record for triggers. */
  public record TriggerSpec(String type, String webhookPath) {}

  /** An application's status record for triggers. */
  public record TriggerStatus(String nextRunAt) {}
}
