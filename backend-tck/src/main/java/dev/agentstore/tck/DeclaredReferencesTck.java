package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.DeleteResult;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.MaintenanceReport;
import dev.agentstore.Metadata;
import dev.agentstore.OnDelete;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowDocument;
import dev.agentstore.model.WorkflowSpec;
import dev.agentstore.spi.StoredResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delete rules of declared references: deleting a referenced resource (built-in or declared)
 * deletes its CASCADE referrers and edits its SET_NULL referrers in the same transaction, each
 * through the normal path (a version, a history entry, a change), walking the whole graph of
 * referrers; a RESTRICT referrer anywhere in it refuses the delete naming it, changing nothing.
 * The same through {@code deleteWhere}, maintenance retention, {@code inTransaction} and org
 * views; a changed onDelete is a definition change.
 *
 * <p>The graph: Trigger -> Workflow (CASCADE), Run -> Trigger (CASCADE), Audit -> Trigger and
 * Run (both CASCADE: a diamond, reached twice), Note -> Trigger and Run (SET_NULL), Lock -> Run
 * (RESTRICT) and Trigger (CASCADE). A kind references only kinds declared before it, so the
 * graph of kinds has no cycle; the walk still visits a resource reached twice once.
 *
 * <p>Usage: {@code class LocalDeclaredReferencesTest extends DeclaredReferencesTck { ... }}
 */
public abstract class DeclaredReferencesTck extends TckSupport {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static KindDefinition trigger(OnDelete onWorkflowDelete) {
    return KindDefinition.builder("cascade.dev", "Trigger").idPrefix("ctrg")
        .field("spec.workflowId", FieldType.REFERENCE,
            FieldRule.references(Kind.WORKFLOW, onWorkflowDelete))
        .field("spec.name", FieldType.STRING).build();
  }

  private final KindDefinition trigger = trigger(OnDelete.CASCADE);
  private final KindDefinition run = KindDefinition.builder("cascade.dev", "Run").idPrefix("crun")
      .field("spec.triggerId", FieldType.REFERENCE, FieldRule.required(),
          FieldRule.references(trigger.kind(), OnDelete.CASCADE)).build();
  private final KindDefinition audit = KindDefinition.builder("cascade.dev", "Audit")
      .idPrefix("caud")
      .field("spec.triggerId", FieldType.REFERENCE,
          FieldRule.references(trigger.kind(), OnDelete.CASCADE))
      .field("spec.runId", FieldType.REFERENCE, FieldRule.references(run.kind(), OnDelete.CASCADE))
      .build();
  private final KindDefinition note = KindDefinition.builder("cascade.dev", "Note")
      .idPrefix("cnote")
      .field("spec.about.triggerId", FieldType.REFERENCE,
          FieldRule.references(trigger.kind(), OnDelete.SET_NULL))
      .field("spec.runId", FieldType.REFERENCE, FieldRule.references(run.kind(), OnDelete.SET_NULL))
      .field("spec.text", FieldType.STRING, FieldRule.required()).build();
  private final KindDefinition lock = KindDefinition.builder("cascade.dev", "Lock")
      .idPrefix("clck")
      .field("spec.runId", FieldType.REFERENCE, FieldRule.references(run.kind()))
      .field("spec.triggerId", FieldType.REFERENCE,
          FieldRule.references(trigger.kind(), OnDelete.CASCADE)).build();

  @BeforeEach
  void declareKinds() {
    store = open(location.copy().kind(trigger).kind(run).kind(audit).kind(note).kind(lock));
  }

  private Workflow newWorkflow(AgentStore s, String org) {
    return s.workflows().create(new Workflow(Metadata.of(org, unique("workflow")),
        WorkflowSpec.builder().description("tck").document(WorkflowDocument.builder()
            .dsl("1.0.0").namespace("tck").name("flow").version("1").build()).tasks(List.of())
            .build(), null));
  }

  private CustomResource<ObjectNode, ObjectNode> create(AgentStore s, KindDefinition d,
      String org, ObjectNode spec) {
    return s.resources(d).create(CustomResource.of(d, Metadata.of(org, unique("r")), spec));
  }

  private CustomResource<ObjectNode, ObjectNode> newTrigger(String org, String workflowId) {
    return create(store, trigger, org, JSON.objectNode().put("workflowId", workflowId));
  }

  private CustomResource<ObjectNode, ObjectNode> newRun(String org, String triggerId) {
    return create(store, run, org, JSON.objectNode().put("triggerId", triggerId));
  }

  private CustomResource<ObjectNode, ObjectNode> newNote(String org, String triggerId,
      String runId) {
    ObjectNode spec = JSON.objectNode().put("text", "a note");
    spec.putObject("about").put("triggerId", triggerId);
    if (runId != null) {
      spec.put("runId", runId);
    }
    return create(store, note, org, spec);
  }

  /** The sequence of the newest change, paging through the feed. */
  private long lastSequence() {
    long last = 0;
    for (List<ResourceVersion> page = store.changes().since(0, 1000); !page.isEmpty();
        page = store.changes().since(last, 1000)) {
      last = page.get(page.size() - 1).sequence();
    }
    return last;
  }

  /** Every change after {@code after}: resource id to its events, in order. */
  private Map<String, List<ChangeEvent>> changesSince(long after) {
    return store.changes().since(after, 10_000).stream().collect(Collectors.groupingBy(
        ResourceVersion::resourceId, Collectors.mapping(ResourceVersion::event,
            Collectors.toList())));
  }

  private boolean exists(KindDefinition d, String id) {
    return store.resources(d).get(id).isPresent();
  }

  /** A workflow, two triggers on it, runs under them, an audit of one run (a diamond). */
  private record Graph(String org, Workflow workflow, String t1, String t2, String r1,
      String r2, String r3, String audit) {
    List<String> referrers() {
      return List.of(t1, t2, r1, r2, r3, audit);
    }
  }

  private Graph newGraph() {
    String org = newOrg().id();
    Workflow w = newWorkflow(store, org);
    String t1 = newTrigger(org, w.id()).id();
    String t2 = newTrigger(org, w.id()).id();
    String r1 = newRun(org, t1).id();
    String r2 = newRun(org, t1).id();
    String r3 = newRun(org, t2).id();
    String a = create(store, audit, org, JSON.objectNode().put("triggerId", t1).put("runId", r1))
        .id();
    return new Graph(org, w, t1, t2, r1, r2, r3, a);
  }

  @Test
  void deletingATargetDeletesItsCascadeReferrersTransitivelyEachWithItsHistoryAndChange() {
    Graph g = newGraph();
    String other = newTrigger(g.org(), newWorkflow(store, g.org()).id()).id();
    long before = lastSequence();

    assertThat(store.workflows().delete(g.workflow().id())).isTrue();

    assertThat(store.workflows().get(g.workflow().id())).isEmpty();
    for (String id : List.of(g.t1(), g.t2())) {
      assertThat(exists(trigger, id)).as(id).isFalse();
    }
    for (String id : List.of(g.r1(), g.r2(), g.r3())) {
      assertThat(exists(run, id)).as(id).isFalse();
    }
    assertThat(exists(audit, g.audit())).isFalse();
    assertThat(exists(trigger, other)).as("a trigger of another workflow").isTrue();
    // One DELETED entry each (the audit, reached through a trigger and a run, once), nothing else.
    Map<String, List<ChangeEvent>> changes = changesSince(before);
    assertThat(changes).hasSize(7);
    assertThat(changes.get(g.workflow().id())).containsExactly(ChangeEvent.DELETED);
    for (String id : g.referrers()) {
      assertThat(changes.get(id)).as(id).containsExactly(ChangeEvent.DELETED);
      List<ResourceVersion> h = store.history().list(id);
      assertThat(h).extracting(ResourceVersion::event)
          .containsExactly(ChangeEvent.CREATED, ChangeEvent.DELETED);
      assertThat(h.get(1).resourceVersion()).isEqualTo(2);
      assertThat(h.get(1).message()).as("the entry says why")
          .isEqualTo("deleted with " + g.workflow().id() + " (onDelete CASCADE)");
    }
    assertThat(store.history().list(g.workflow().id()).get(1).message()).as("the root's own")
        .isNull();
    // Below the facade: the rows are gone.
    java.util.Optional<StoredResource> gone =
        backendOf(store).read(tx -> tx.find(run.kind(), g.r1()));
    assertThat(gone).isEmpty();
  }

  @Test
  void setNullReferrersLoseTheFieldAtTheNextVersionWithAnUpdatedEntry() {
    Graph g = newGraph();
    CustomResource<ObjectNode, ObjectNode> n = newNote(g.org(), g.t2(), g.r3());
    CustomResource<ObjectNode, ObjectNode> kept = newNote(g.org(), g.t2(), null);
    long before = lastSequence();

    store.withMessage("retire t2").resources(trigger).delete(g.t2()); // cascades to r3; both
    // notes lose what went

    CustomResource<ObjectNode, ObjectNode> after = store.resources(note).get(n.id()).orElseThrow();
    assertThat(after.metadata().version()).isEqualTo(2);
    assertThat(after.spec().path("about").has("triggerId")).isFalse();
    assertThat(after.spec().has("runId")).isFalse();
    assertThat(after.spec().get("text").asText()).isEqualTo(n.spec().get("text").asText());
    assertThat(store.history().list(n.id())).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.CREATED, ChangeEvent.UPDATED);
    assertThat(store.history().list(n.id()).get(1).message()).as("the caller's message, then why")
        .isEqualTo("retire t2; references cleared: deleting " + g.t2() + " (onDelete SET_NULL)");
    assertThat(store.history().list(g.r3()).get(1).message())
        .isEqualTo("retire t2; deleted with " + g.t2() + " (onDelete CASCADE)");
    assertThat(store.resources(note).get(kept.id()).orElseThrow().metadata().version())
        .isEqualTo(2);
    Map<String, List<ChangeEvent>> changes = changesSince(before);
    assertThat(changes.get(n.id())).containsExactly(ChangeEvent.UPDATED);
    assertThat(changes.get(kept.id())).containsExactly(ChangeEvent.UPDATED);
    assertThat(changes.get(g.r3())).containsExactly(ChangeEvent.DELETED);
    assertThat(changes).hasSize(4);
    // The key and reference columns follow: the field is absent to queries, and the row's JSON.
    assertThat(store.resources(note).count(Query.builder().isNull("spec.about.triggerId")
        .build())).isEqualTo(2);
    StoredResource row = backendOf(store).read(tx -> tx.find(note.kind(), n.id())).orElseThrow();
    assertThat(row.specJson()).doesNotContain(g.t2()).doesNotContain(g.r3());
    // The rest of the graph is untouched.
    assertThat(exists(trigger, g.t1())).isTrue();
    assertThat(exists(run, g.r1())).isTrue();
  }

  @Test
  void aRestrictReferrerDeepInTheGraphRefusesTheWholeDeleteNamingItAndChangesNothing() {
    Graph g = newGraph();
    CustomResource<ObjectNode, ObjectNode> n = newNote(g.org(), g.t1(), null);
    String l = create(store, lock, g.org(), JSON.objectNode().put("runId", g.r2())).id();
    long before = lastSequence();
    long triggers = store.resources(trigger).count(Query.all());
    long runs = store.resources(run).count(Query.all());

    assertThatThrownBy(() -> store.workflows().delete(g.workflow().id()))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(l)
        .hasMessageContaining(g.r2()).hasMessageContaining("RESTRICT");

    assertThat(lastSequence()).as("no history entry").isEqualTo(before);
    assertThat(store.workflows().get(g.workflow().id())).isPresent();
    assertThat(store.resources(trigger).count(Query.all())).isEqualTo(triggers);
    assertThat(store.resources(run).count(Query.all())).isEqualTo(runs);
    assertThat(exists(audit, g.audit())).isTrue();
    assertThat(store.resources(note).get(n.id()).orElseThrow().metadata().version()).isEqualTo(1);

    // The same refusal inside a transaction leaves it usable: nothing was written.
    String created = store.inTransaction(tx -> {
      assertThatThrownBy(() -> tx.workflows().delete(g.workflow().id()))
          .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(l);
      return create(tx, trigger, g.org(), JSON.objectNode().put("name", "later")).id();
    });
    assertThat(exists(trigger, created)).isTrue();
    assertThat(store.resources(run).count(Query.all())).isEqualTo(runs);

    // Once the lock goes, the delete goes through.
    store.resources(lock).delete(l);
    store.workflows().delete(g.workflow().id());
    assertThat(exists(run, g.r2())).isFalse();
  }

  @Test
  void aRestrictReferrerThatTheCascadeDeletesAnywayDoesNotBlockIt() {
    Graph g = newGraph();
    // This lock blocks deleting r1 alone, but it goes with t1 (CASCADE), so deleting t1 does not
    // leave it dangling: only referrers outside the set being deleted block.
    String l = create(store, lock, g.org(), JSON.objectNode().put("runId", g.r1())
        .put("triggerId", g.t1())).id();
    assertThatThrownBy(() -> store.resources(run).delete(g.r1()))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(l);

    store.resources(trigger).delete(g.t1());

    assertThat(exists(lock, l)).isFalse();
    assertThat(exists(run, g.r1())).isFalse();
    assertThat(exists(audit, g.audit())).isFalse();
    assertThat(exists(trigger, g.t2())).isTrue();
    assertThat(store.history().list(l)).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.CREATED, ChangeEvent.DELETED);
  }

  @Test
  void cascadesJoinTransactionsAndOrgViews() {
    Graph g = newGraph();
    store.inTransaction(tx -> {
      tx.workflows().delete(g.workflow().id());
      assertThat(tx.resources(run).get(g.r1())).isEmpty(); // the transaction sees its cascade
      return null;
    });
    assertThat(exists(trigger, g.t1())).isFalse();
    assertThat(exists(audit, g.audit())).isFalse();

    // A rolled-back transaction takes its cascade with it.
    Graph h = newGraph();
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.workflows().delete(h.workflow().id());
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);
    for (String id : List.of(h.r1(), h.r2(), h.r3())) {
      assertThat(exists(run, id)).as(id).isTrue();
    }

    // An org view cascades within its org.
    AgentStore view = store.forOrg(h.org());
    assertThat(view.workflows().delete(h.workflow().id())).isTrue();
    assertThat(exists(trigger, h.t1())).isFalse();
    assertThat(store.history().list(h.t1())).last().extracting(ResourceVersion::event)
        .isEqualTo(ChangeEvent.DELETED);
  }

  @Test
  void deleteWhereCascadesPerResourceAndCountsTheBlockedOnes() {
    String org = newOrg().id();
    Graph g = newGraph(); // another org: untouched by a query in org's view
    Workflow w1 = newWorkflow(store, org);
    Workflow w2 = newWorkflow(store, org);
    Workflow w3 = newWorkflow(store, org);
    String t1 = newTrigger(org, w1.id()).id();
    String t2 = newTrigger(org, w2.id()).id();
    String r2 = newRun(org, t2).id();
    String t3 = newTrigger(org, w3.id()).id();
    String r3 = newRun(org, t3).id();
    String l3 = create(store, lock, org, JSON.objectNode().put("runId", r3)).id();

    DeleteResult r = store.forOrg(org).workflows().deleteWhere(Query.all());

    assertThat(r.deleted()).isEqualTo(2);
    assertThat(r.blocked()).isEqualTo(1);
    assertThat(exists(trigger, t1)).isFalse();
    assertThat(exists(trigger, t2)).isFalse();
    assertThat(exists(run, r2)).isFalse();
    assertThat(store.history().list(r2)).last().extracting(ResourceVersion::event)
        .isEqualTo(ChangeEvent.DELETED);
    assertThat(store.workflows().get(w3.id())).isPresent();
    assertThat(exists(trigger, t3)).isTrue();
    assertThat(exists(run, r3)).isTrue();
    assertThat(exists(lock, l3)).isTrue();
    assertThat(exists(trigger, g.t1())).isTrue();
  }

  @Test
  void maintenanceRetentionCascadesToo() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore s = open(location.copy().clock(clock).retention(Kind.WORKFLOW, Duration.ofDays(1)));
    String org = newOrg(s).id();
    Workflow w = newWorkflow(s, org);
    String t = create(s, trigger, org, JSON.objectNode().put("workflowId", w.id())).id();
    String r = create(s, run, org, JSON.objectNode().put("triggerId", t)).id();
    clock.advance(Duration.ofDays(2));

    MaintenanceReport report = s.maintenance().run();

    assertThat(report.deleted().get(Kind.WORKFLOW).deleted()).isEqualTo(1);
    assertThat(s.resources(trigger).get(t)).isEmpty();
    assertThat(s.resources(run).get(r)).isEmpty();
    assertThat(s.history().list(r)).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.CREATED, ChangeEvent.DELETED);
  }

  @Test
  void changingOnDeleteIsALoggedDefinitionChangeThatTakesEffect() {
    KindDefinition restrict = trigger(OnDelete.RESTRICT);
    AgentStore.Builder where = newStoreBuilder();
    AgentStore s = open(where.copy().kind(restrict));
    String org = newOrg(s).id();
    Workflow w = newWorkflow(s, org);
    String t = s.resources(restrict).create(CustomResource.of(restrict, Metadata.of(org, "t"),
        JSON.objectNode().put("workflowId", w.id()))).id();
    assertThatThrownBy(() -> s.workflows().delete(w.id()))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(t);


    // The same kind with CASCADE: a new definition version, no DDL, and the rule applies.
    KindDefinition cascade = trigger(OnDelete.CASCADE);
    AgentStore changed = open(where.copy().kind(cascade));
    assertThat(changed.kinds()).contains(cascade).doesNotContain(restrict);
    assertThat(backendOf(changed).storedKinds()).contains(cascade);
    assertThat(changed.workflows().delete(w.id())).isTrue();
    assertThat(changed.resources(cascade).get(t)).isEmpty();
    assertThat(changed.history().list(t)).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.CREATED, ChangeEvent.DELETED);
  }

  @Test
  void aCascadeOfMoreThanTenThousandReferrersIsRefusedChangingNothing() {
    String org = newOrg().id();
    Workflow w = newWorkflow(store, org);
    int referrers = 10_001; // the documented bound is 10,000 resources deleted or edited
    String last = store.inTransaction(tx -> {
      String id = null;
      for (int i = 0; i < referrers; i++) {
        id = create(tx, trigger, org, JSON.objectNode().put("workflowId", w.id())).id();
      }
      return id;
    });
    // The newest change is the last create's (reading the whole feed would cost more than this).
    long before = store.history().list(last).get(0).sequence();
    assertThat(store.changes().since(before, 10)).isEmpty();

    assertThatThrownBy(() -> store.workflows().delete(w.id()))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(w.id())
        .hasMessageContaining("10000");

    assertThat(store.workflows().get(w.id())).isPresent();
    assertThat(store.resources(trigger).count(Query.all())).isEqualTo(referrers);
    assertThat(store.changes().since(before, 10)).as("no history entry").isEmpty();
  }

  @Test
  void setNullOnARequiredFieldIsRefusedWhenDeclared() {
    assertThatThrownBy(() -> KindDefinition.builder("cascade.dev", "Bad").idPrefix("cbad")
        .field("spec.workflowId", FieldType.REFERENCE, FieldRule.required(),
            FieldRule.references(Kind.WORKFLOW, OnDelete.SET_NULL)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.workflowId")
        .hasMessageContaining("SET_NULL");
    assertThatThrownBy(() -> KindDefinition.builder("cascade.dev", "Bad").idPrefix("cbad")
        .field("spec.workflowId", FieldType.REFERENCE,
            FieldRule.references(Kind.WORKFLOW, OnDelete.SET_NULL), FieldRule.required()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("SET_NULL");
    assertThat(KindDefinition.fromJson(note.toJson(), Map.of(trigger.kind().name(),
        trigger.kind(), run.kind().name(), run.kind()))).isEqualTo(note);
  }
}
