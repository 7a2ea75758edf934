package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Query;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.ResourceType;
import dev.agentstore.UpdatableRepository;
import dev.agentstore.Slugs;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentStatus;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.ExecutionValue;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowDocument;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowInstance;
import dev.agentstore.model.WorkflowInstanceSpec;
import dev.agentstore.model.WorkflowSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every repository operation on every kind: create, get, getBySlug, update (and a stale update
 * rejected with the row unchanged), updateStatus, apply, delete (with and without a version),
 * duplicate slugs, list and count; apply of unchanged content writes nothing; edit re-applies
 * its change after a conflict, a bounded number of times.
 *
 * <p>Usage: {@code class LocalRepositoryTest extends RepositoryTck { ...newStoreBuilder()... }}
 */
public abstract class RepositoryTck extends TckSupport {

  /** Every built-in kind with a repository and the TCK's declared kind. */
  static Stream<Kind> kinds() {
    return Samples.everyKind();
  }

  /** Kinds callers create directly (API keys are only issued; ApiKeyTck covers them). */
  static Stream<Kind> creatableKinds() {
    return kinds().filter(k -> k != Kind.API_KEY);
  }

  /** The repository of any kind, API keys included (they have no create or apply). */
  @SuppressWarnings("unchecked")
  static UpdatableRepository<Resource<?, ?>> repo(AgentStore s, Kind kind) {
    if (kind == Kind.API_KEY) {
      return (UpdatableRepository<Resource<?, ?>>) (UpdatableRepository<?>) s.apiKeys();
    }
    return creatable(s, kind);
  }

  /** The repository of a kind callers create directly (every kind but API keys). */
  @SuppressWarnings("unchecked")
  static ResourceRepository<Resource<?, ?>> creatable(AgentStore s, Kind kind) {
    if (!kind.isBuiltIn()) {
      return (ResourceRepository<Resource<?, ?>>) (ResourceRepository<?>) s.resources(
          kind.definition().orElseThrow());
    }
    return (ResourceRepository<Resource<?, ?>>) (ResourceRepository<?>) s.repository(
        (ResourceType) ResourceType.of(kind));
  }

  /** Creates a sample of {@code kind} (and an org for it unless it is an Organization). */
  Resource<?, ?> createSample(Kind kind, String name) {
    String org = kind == Kind.ORGANIZATION ? null : newOrg().id();
    return Samples.created(this, store, kind, org, name);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void createAssignsIdentityAndReadsBack(Kind kind) {
    Instant before = Instant.now().minusSeconds(5);
    String name = "Sample " + unique(kind.prefix()) + " ÄÖ!";
    Resource<?, ?> r = createSample(kind, name);
    Metadata m = r.metadata();
    assertThat(Ids.isValid(m.id(), kind)).as("id %s", m.id()).isTrue();
    assertThat(m.slug()).isEqualTo(Slugs.derive(name, "name"));
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.createdAt()).isAfter(before).isEqualTo(m.updatedAt());
    assertThat(m.createdBy()).isEqualTo(AgentStore.SYSTEM_ACTOR).isEqualTo(m.updatedBy());
    assertThat(m.name()).isEqualTo(name);
    if (kind == Kind.ORGANIZATION) {
      assertThat(m.org()).isEqualTo(m.id());
    }
    assertThat(repo(store, kind).get(m.id())).contains(r);
    assertThat(repo(store, kind).getBySlug(m.org(), m.slug())).contains(r);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void updateWithTheReadVersionSucceedsAndAStaleOneChangesNothing(Kind kind) {
    Resource<?, ?> r = createSample(kind, unique("upd"));
    UpdatableRepository<Resource<?, ?>> repo = repo(store, kind);
    Resource<?, ?> changed = repo.update(r.withMetadata(r.metadata().withLabel("tier", "gold")));
    assertThat(changed.metadata().version()).isEqualTo(2);
    assertThat(changed.metadata().labels()).containsEntry("tier", "gold");
    assertThat(changed.metadata().createdAt()).isEqualTo(r.metadata().createdAt());
    assertThat(repo.get(r.id())).contains(changed);

    Resource<?, ?> stale = r.withMetadata(r.metadata().withLabel("tier", "free"));
    assertThatThrownBy(() -> repo.update(stale)).isInstanceOfSatisfying(ConflictException.class,
        e -> {
          assertThat(e.expectedVersion()).isEqualTo(1);
          assertThat(e.actualVersion()).isEqualTo(2);
          assertThat(e.resourceId()).contains(r.id());
          assertThat(e.kind()).contains(kind);
          assertThat(e.isRetryable()).isTrue();
        });
    assertThat(repo.get(r.id())).contains(changed);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void updateStatusWritesOnlyTheStatusAndChecksTheVersion(Kind kind) {
    Resource<?, ?> r = createSample(kind, unique("st"));
    UpdatableRepository<Resource<?, ?>> repo = repo(store, kind);
    Resource<?, ?> withStatus = Samples.withStatus(r, Samples.newStatus(kind));
    Resource<?, ?> updated = repo.updateStatus(withStatus);
    assertThat(updated.metadata().version()).isEqualTo(2);
    assertThat(updated.spec()).isEqualTo(r.spec());
    assertThat(repo.get(r.id()).orElseThrow().status()).isEqualTo(updated.status());
    assertThatThrownBy(() -> repo.updateStatus(withStatus))
        .isInstanceOf(ConflictException.class);
    assertThat(repo.get(r.id()).orElseThrow().metadata().version()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("creatableKinds")
  void applyCreatesThenUpdatesBySlug(Kind kind) {
    String org = kind == Kind.ORGANIZATION ? null : newOrg().id();
    String name = unique("applied");
    Resource<?, ?> sample = Samples.unsaved(this, store, kind, org, name);
    ResourceRepository<Resource<?, ?>> repo = creatable(store, kind);
    Resource<?, ?> first = repo.apply(sample);
    assertThat(first.metadata().version()).isEqualTo(1);
    Resource<?, ?> second = repo.apply(sample.withMetadata(sample.metadata()
        .withLabel("applied", "twice")));
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.metadata().version()).isEqualTo(2);
    assertThat(second.metadata().labels()).containsEntry("applied", "twice");
    assertThat(repo.count(Query.builder().org(first.metadata().org()).build()))
        .isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void deleteRemovesOnceAndHonoursTheVersion(Kind kind) {
    Resource<?, ?> r = createSample(kind, unique("del"));
    UpdatableRepository<Resource<?, ?>> repo = repo(store, kind);
    assertThatThrownBy(() -> repo.delete(r.id(), 7)).isInstanceOf(ConflictException.class);
    assertThat(repo.get(r.id())).isPresent();
    assertThat(repo.delete(r.id(), 1)).isTrue();
    assertThat(repo.get(r.id())).isEmpty();
    assertThat(repo.delete(r.id())).isFalse();
    assertThatThrownBy(() -> repo.update(r)).isInstanceOf(NotFoundException.class);
  }

  /**
   * A delete that dependents block is a FailedPreconditionException naming the resource on
   * every backend (SQLite reported it as a schema constraint once), and it changes nothing.
   */
  @Test
  void deleteBlockedByDependentsIsAFailedPreconditionAndChangesNothing() {
    String org = newOrg().id();
    AgentExecution run = newAgentExecution(store, org);
    String session = run.spec().sessionId();
    String instance = store.sessions().get(session).orElseThrow().spec().agentInstanceId();
    String agent = store.agentInstances().get(instance).orElseThrow().spec().agentId();
    assertDeleteBlocked(() -> store.agents().delete(agent), agent);
    assertDeleteBlocked(() -> store.organizations().delete(org), org);
    assertDeleteBlocked(() -> store.sessions().delete(session), session);
    assertThat(store.agents().get(agent)).isPresent();
    assertThat(store.organizations().get(org)).isPresent();
    assertThat(store.sessions().get(session)).isPresent();
  }

  private void assertDeleteBlocked(org.assertj.core.api.ThrowableAssert.ThrowingCallable delete,
      String id) {
    assertThatThrownBy(delete).isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(id).hasMessageContaining("still reference it")
        .hasMessageNotContaining("DELETE").hasMessageNotContaining("delete from");
    assertThat(store.history().list(id)).extracting(ResourceVersion::event)
        .doesNotContain(ChangeEvent.DELETED);
  }

  // ---------------------------------------------------------------- references

  /** One reference field: the kind it lives on and how to build a resource naming {@code ref}. */
  record RefCase(String field, Kind kind, Kind target, RefBuilder build) {
    @Override
    public String toString() {
      return kind.kindName() + ".spec." + field;
    }
  }

  /** Builds an unsaved resource of the case's kind in {@code org} referencing {@code ref}. */
  @FunctionalInterface
  interface RefBuilder {
    Resource<?, ?> build(RepositoryTck t, String org, String ref);
  }

  /**
   * Every reference field of the model: the scalar ones and the list one, each built so that
   * every other reference of the resource is valid (only the field under test dangles).
   */
  static Stream<RefCase> referenceFields() {
    return Stream.of(
        new RefCase("agentId", Kind.AGENT_INSTANCE, Kind.AGENT, (t, org, ref) ->
            new AgentInstance(Metadata.of(org, unique("ref")), AgentInstanceSpec.builder()
                .agentId(ref).environmentRefs(List.of()).build(), null)),
        new RefCase("environmentRefs", Kind.AGENT_INSTANCE, Kind.ENVIRONMENT, (t, org, ref) ->
            new AgentInstance(Metadata.of(org, unique("ref")), AgentInstanceSpec.builder()
                .agentId(t.newAgent(t.store, org, unique("a")).id())
                .environmentRefs(List.of(t.newEnvironment(org).id(), ref)).build(), null)),
        new RefCase("workflowId", Kind.WORKFLOW_INSTANCE, Kind.WORKFLOW, (t, org, ref) ->
            new WorkflowInstance(Metadata.of(org, unique("ref")), WorkflowInstanceSpec.builder()
                .workflowId(ref).environmentRefs(List.of()).build(), null)),
        new RefCase("environmentRefs", Kind.WORKFLOW_INSTANCE, Kind.ENVIRONMENT, (t, org, ref) ->
            new WorkflowInstance(Metadata.of(org, unique("ref")), WorkflowInstanceSpec.builder()
                .workflowId(t.newWorkflowExecution(t.store, org).spec().workflowId())
                .environmentRefs(List.of(ref)).build(), null)),
        new RefCase("agentInstanceId", Kind.SESSION, Kind.AGENT_INSTANCE, (t, org, ref) ->
            new Session(Metadata.of(org, unique("ref")), SessionSpec.builder()
                .agentInstanceId(ref).subject("u").threadId("t").build(), null)),
        new RefCase("sessionId", Kind.AGENT_EXECUTION, Kind.SESSION, (t, org, ref) -> {
          AgentExecution ok = t.newAgentExecution(t.store, org);
          return new AgentExecution(Metadata.of(org, unique("ref")),
              ok.spec().withSessionId(ref), null);
        }),
        new RefCase("agentId", Kind.AGENT_EXECUTION, Kind.AGENT, (t, org, ref) -> {
          AgentExecution ok = t.newAgentExecution(t.store, org);
          return new AgentExecution(Metadata.of(org, unique("ref")), ok.spec().withAgentId(ref),
              null);
        }),
        new RefCase("workflowInstanceId", Kind.WORKFLOW_EXECUTION, Kind.WORKFLOW_INSTANCE,
            (t, org, ref) -> {
              WorkflowExecution ok = t.newWorkflowExecution(t.store, org);
              return new WorkflowExecution(Metadata.of(org, unique("ref")),
                  ok.spec().withWorkflowInstanceId(ref), null);
            }),
        new RefCase("workflowId", Kind.WORKFLOW_EXECUTION, Kind.WORKFLOW, (t, org, ref) -> {
          WorkflowExecution ok = t.newWorkflowExecution(t.store, org);
          return new WorkflowExecution(Metadata.of(org, unique("ref")),
              ok.spec().withWorkflowId(ref), null);
        }),
        new RefCase("executionId", Kind.EXECUTION_CONTEXT, Kind.AGENT_EXECUTION, (t, org, ref) ->
            new ExecutionContext(Metadata.of(org, unique("ref")), ExecutionContextSpec.builder()
                .executionId(ref).data(Map.of("K", ExecutionValue.plain("v"))).build(), null)),
        new RefCase("executionId", Kind.EXECUTION_CONTEXT, Kind.WORKFLOW_EXECUTION,
            (t, org, ref) -> new ExecutionContext(Metadata.of(org, unique("ref")),
                ExecutionContextSpec.builder().executionId(ref)
                    .data(Map.of("K", ExecutionValue.plain("v"))).build(), null)));
  }

  /** An existing resource of {@code kind} in {@code org} (what a reference may name). */
  String existing(Kind kind, String org) {
    return switch (kind.name()) {
      case "AGENT" -> newAgent(store, org, unique("target")).id();
      case "ENVIRONMENT" -> newEnvironment(org).id();
      case "AGENT_INSTANCE" -> store.sessions().get(newSession(store, org).id()).orElseThrow()
          .spec().agentInstanceId();
      case "SESSION" -> newSession(store, org).id();
      case "AGENT_EXECUTION" -> newAgentExecution(store, org).id();
      case "WORKFLOW_EXECUTION" -> newWorkflowExecution(store, org).id();
      case "WORKFLOW" -> newWorkflowExecution(store, org).spec().workflowId();
      case "WORKFLOW_INSTANCE" -> newWorkflowExecution(store, org).spec().workflowInstanceId();
      default -> throw new IllegalArgumentException(kind + " is not a reference target");
    };
  }

  /** Creates a workflow in {@code org} that nothing references. */
  Workflow newWorkflow(String org) {
    return store.workflows().create(new Workflow(Metadata.of(org, unique("workflow")),
        WorkflowSpec.builder().description("tck").document(WorkflowDocument.builder()
            .dsl("1.0.0").namespace("tck").name("flow").version("1").build()).tasks(List.of())
            .build(), null));
  }

  /** Creates an environment in {@code org}. */
  Environment newEnvironment(String org) {
    return store.environments().create(new Environment(Metadata.of(org, unique("env")),
        EnvironmentSpec.builder().description("tck")
            .data(Map.of("REGION", EnvironmentValue.plain("eu"))).build(), null));
  }

  /**
   * A reference to a resource that does not exist, or exists only in another org, is refused
   * with the same FailedPreconditionException (naming the field's value, never the other org),
   * through the unscoped store and an org view alike, and nothing is written.
   */
  @ParameterizedTest
  @MethodSource("referenceFields")
  void aDanglingOrForeignReferenceIsRefusedAndChangesNothing(RefCase c) {
    String org = newOrg().id();
    String other = newOrg().id();
    String foreign = existing(c.target(), other);
    String missing = Ids.next(c.target());
    ResourceRepository<Resource<?, ?>> repo = creatable(store, c.kind());
    for (String ref : List.of(missing, foreign)) {
      for (AgentStore s : List.of(store, store.forOrg(org))) {
        Resource<?, ?> r = c.build().build(this, org, ref);
        long count = repo.count(Query.builder().org(org).build());
        long changes = store.changes().since(0, 10_000).size();
        assertThatThrownBy(() -> creatable(s, c.kind()).create(r))
            .as("%s = %s", c, ref)
            .isInstanceOf(FailedPreconditionException.class)
            .hasMessageContaining(ref).hasMessageContaining("does not exist")
            .hasMessageNotContaining(other);
        assertThat(repo.count(Query.builder().org(org).build())).as("nothing created")
            .isEqualTo(count);
        assertThat(store.changes().since(0, 10_000)).as("no history").hasSize((int) changes);
        assertThat(repo.getBySlug(org, Slugs.derive(r.metadata().name(), "name"))).isEmpty();
      }
    }
  }

  /** An update that makes a reference dangle is refused the same way and changes nothing. */
  @ParameterizedTest
  @MethodSource("referenceFields")
  void anUpdateToADanglingReferenceIsRefusedAndChangesNothing(RefCase c) {
    String org = newOrg().id();
    ResourceRepository<Resource<?, ?>> repo = creatable(store, c.kind());
    Resource<?, ?> stored = repo.create(c.build().build(this, org, existing(c.target(), org)));
    Resource<?, ?> changed = c.build().build(this, org, Ids.next(c.target()));
    Resource<?, ?> update = (Resource<?, ?>) ((ResourceType) ResourceType.of(c.kind()))
        .create(stored.metadata(), changed.spec(), stored.status());
    assertThatThrownBy(() -> repo.update(update)).as("%s", c)
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("does not exist");
    assertThat(repo.get(stored.id())).contains(stored);
  }

  /**
   * The delete rule of every reference: a referenced agent, workflow, instance, session or
   * environment cannot be deleted (FailedPrecondition, nothing changes) while anything names it;
   * once the referrer is gone (or no longer lists it), it can.
   */
  @Test
  void aReferencedResourceCannotBeDeletedUntilItsReferrersAreGone() {
    String org = newOrg().id();
    // An execution whose agent differs from its instance's agent: only the execution names it.
    AgentExecution base = newAgentExecution(store, org);
    Agent onlyRun = newAgent(store, org, unique("run-agent"));
    AgentExecution run = newAgentExecution(store, org, base.spec().sessionId(), onlyRun.id());
    assertDeleteBlocked(() -> store.agents().delete(onlyRun.id()), onlyRun.id());
    // Likewise a workflow named only by an execution (its instance is of another workflow).
    WorkflowExecution wbase = newWorkflowExecution(store, org);
    String onlyFlow = newWorkflow(org).id();
    WorkflowExecution flowRun = store.workflowExecutions().create(new WorkflowExecution(
        Metadata.of(org, unique("wrun")), wbase.spec().withWorkflowId(onlyFlow), null));
    assertDeleteBlocked(() -> store.workflows().delete(onlyFlow), onlyFlow);
    String wInstance = wbase.spec().workflowInstanceId();
    assertDeleteBlocked(() -> store.workflowInstances().delete(wInstance), wInstance);
    String session = base.spec().sessionId();
    String instance = store.sessions().get(session).orElseThrow().spec().agentInstanceId();
    assertDeleteBlocked(() -> store.agentInstances().delete(instance), instance);
    // Environments listed by an agent instance and by a workflow instance.
    Environment env = newEnvironment(org);
    AgentInstance ai = store.agentInstances().create(new AgentInstance(
        Metadata.of(org, unique("ai")), AgentInstanceSpec.builder().agentId(onlyRun.id())
            .environmentRefs(List.of(env.id(), env.id())).build(), null));
    WorkflowInstance wi = store.workflowInstances().create(new WorkflowInstance(
        Metadata.of(org, unique("wi")), WorkflowInstanceSpec.builder().workflowId(onlyFlow)
            .environmentRefs(List.of(env.id())).build(), null));
    assertThat(ai.spec().environmentRefs()).as("the spec is kept as written")
        .containsExactly(env.id(), env.id());
    assertDeleteBlocked(() -> store.environments().delete(env.id()), env.id());

    // The rules once the referrers go: RESTRICT lifts, nothing was cascaded.
    store.agentInstances().update(ai.withSpec(ai.spec().withEnvironmentRefs(List.of())));
    assertDeleteBlocked(() -> store.environments().delete(env.id()), env.id());
    assertThat(store.workflowInstances().delete(wi.id())).isTrue();
    assertThat(store.environments().delete(env.id())).as("no instance lists it").isTrue();
    assertThat(store.agentExecutions().delete(run.id())).isTrue();
    assertThat(store.agentInstances().delete(ai.id())).isTrue();
    assertThat(store.agents().delete(onlyRun.id())).isTrue();
    assertThat(store.workflowExecutions().delete(flowRun.id())).isTrue();
    assertThat(store.workflows().delete(onlyFlow)).isTrue();
    assertThat(store.agentExecutions().get(base.id())).isPresent();
    assertThat(store.workflowExecutions().get(wbase.id())).isPresent();
  }

  /**
   * A bulk create records list references as a single create does: an environment that an
   * instance made by {@code createAll} lists cannot be deleted until that instance is gone.
   */
  @Test
  void anEnvironmentListedByInstancesMadeWithCreateAllCannotBeDeleted() {
    String org = newOrg().id();
    String agent = newAgent(store, org, unique("a")).id();
    Environment env = newEnvironment(org);
    Environment unlisted = newEnvironment(org);
    List<AgentInstance> made = store.agentInstances().createAll(List.of(
        new AgentInstance(Metadata.of(org, unique("ai")), AgentInstanceSpec.builder()
            .agentId(agent).environmentRefs(List.of()).build(), null),
        new AgentInstance(Metadata.of(org, unique("ai")), AgentInstanceSpec.builder()
            .agentId(agent).environmentRefs(List.of(env.id(), env.id())).build(), null)));
    assertDeleteBlocked(() -> store.environments().delete(env.id()), env.id());
    assertThat(store.environments().delete(unlisted.id())).as("no instance lists it").isTrue();
    assertThat(store.agentInstances().delete(made.get(1).id())).isTrue();
    assertThat(store.environments().delete(env.id())).as("its only referrer is gone").isTrue();
  }

  /** A list reference must hold Environment ids: anything else is bad input, not a lookup. */
  @Test
  void environmentRefsMustBeEnvironmentIds() {
    String org = newOrg().id();
    String agent = newAgent(store, org, unique("a")).id();
    for (String bad : List.of("prod", Ids.next(Kind.AGENT), "")) {
      assertThatThrownBy(() -> store.agentInstances().create(new AgentInstance(
          Metadata.of(org, unique("ai")), AgentInstanceSpec.builder().agentId(agent)
              .environmentRefs(List.of(bad)).build(), null)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("spec.environmentRefs[0]");
    }
    assertThat(store.agentInstances().count(Query.builder().org(org).build())).isZero();
  }

  @ParameterizedTest
  @MethodSource("creatableKinds")
  void duplicateSlugIsRejected(Kind kind) {
    Resource<?, ?> r = createSample(kind, unique("dup"));
    ResourceRepository<Resource<?, ?>> repo = creatable(store, kind);
    long before = repo.count(Query.all());
    Resource<?, ?> again = Samples.unsaved(this, store, kind,
        kind == Kind.ORGANIZATION ? null : r.metadata().org(), r.metadata().name());
    long afterSetup = repo.count(Query.all());
    assertThatThrownBy(() -> repo.create(again)).isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(r.metadata().slug());
    assertThat(repo.count(Query.all())).isEqualTo(afterSetup).isGreaterThanOrEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("creatableKinds")
  void listAndCountSeeWhatWasCreated(Kind kind) {
    String org = kind == Kind.ORGANIZATION ? null : newOrg().id();
    ResourceRepository<Resource<?, ?>> repo = creatable(store, kind);
    String marker = unique("mark");
    for (int i = 0; i < 3; i++) {
      Resource<?, ?> s = Samples.unsaved(this, store, kind, org, unique("listed"));
      repo.create(s.withMetadata(s.metadata().withLabel("batch", marker)));
    }
    Query q = Query.builder().labelSelector("batch=" + marker).build();
    assertThat(repo.list(q).items()).hasSize(3)
        .allMatch(x -> x.metadata().labels().get("batch").equals(marker));
    assertThat(repo.count(q)).isEqualTo(3);
  }

  // ---------------------------------------------------------------- createAll

  @ParameterizedTest
  @MethodSource("creatableKinds")
  void createAllStoresEveryResourceInOrderWithOneCreatedEntryEach(Kind kind) {
    String org = kind == Kind.ORGANIZATION ? null : newOrg().id();
    ResourceRepository<Resource<?, ?>> repo = creatable(store, kind);
    String marker = unique("bulk");
    List<Resource<?, ?>> input = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Resource<?, ?> r = Samples.unsaved(this, store, kind, org, unique("bulk"));
      input.add(r.withMetadata(r.metadata().withLabel("batch", marker)));
    }
    long mark = HistoryTck.head(store);
    List<Resource<?, ?>> made = repo.createAll(input);
    assertThat(made).extracting(r -> r.metadata().name())
        .containsExactlyElementsOf(input.stream().map(r -> r.metadata().name()).toList());
    for (Resource<?, ?> r : made) {
      assertThat(r.metadata().version()).isEqualTo(1);
      assertThat(repo.get(r.metadata().id())).contains(r);
    }
    assertThat(repo.count(Query.builder().labelSelector("batch=" + marker).build())).isEqualTo(3);
    List<ResourceVersion> feed = HistoryTck.changesAfter(store, mark);
    assertThat(feed).extracting(ResourceVersion::event).containsOnly(ChangeEvent.CREATED);
    assertThat(feed).extracting(ResourceVersion::resourceId)
        .containsExactlyElementsOf(made.stream().map(r -> r.metadata().id()).toList());
    assertThat(repo.createAll(List.of())).isEmpty();
  }

  @Test
  void createAllStoresTheItemsTheStatusesCarry() {
    String org = newOrg().id();
    AgentExecution template = newAgentExecution(store, org);
    var messages = List.of(dev.agentstore.model.AgentMessage.of(
        dev.agentstore.model.MessageType.HUMAN, "hi", Instant.EPOCH),
        dev.agentstore.model.AgentMessage.of(dev.agentstore.model.MessageType.AI, "hello",
            Instant.EPOCH.plusSeconds(1)));
    var status = dev.agentstore.model.AgentExecutionStatus.pending().withMessages(messages);
    List<AgentExecution> made = store.agentExecutions().createAll(List.of(
        new AgentExecution(Metadata.of(org, unique("bulk-run")), template.spec(), status),
        new AgentExecution(Metadata.of(org, unique("bulk-run")), template.spec(), null)));
    assertThat(made.get(0).status().messages()).isEqualTo(messages);
    assertThat(store.agentExecutions().get(made.get(0).id()).orElseThrow()).isEqualTo(made.get(0));
    assertThat(store.agentExecutions().get(made.get(1).id()).orElseThrow().status().messages())
        .isEmpty();
    store.agentExecutions().appendMessages(made.get(0).id(), dev.agentstore.model.AgentMessage.of(
        dev.agentstore.model.MessageType.AI, "third", Instant.EPOCH.plusSeconds(2)));
    assertThat(store.agentExecutions().get(made.get(0).id()).orElseThrow().status().messages())
        .extracting(dev.agentstore.model.AgentMessage::content)
        .containsExactly("hi", "hello", "third");
  }

  /**
   * A bulk load larger than one statement may carry (1,000 executions with 10,000 items: more
   * bind values than SQLite's and PostgreSQL's 32,766 / 32,767) is split into several statements
   * in one transaction and stored whole: every row, every item in order, one CREATED change
   * each, in order.
   */
  @Test
  void createAllPastOneStatementsBindLimitStoresEverything() {
    String org = newOrg().id();
    AgentExecution template = newAgentExecution(store, org);
    String marker = unique("big");
    List<AgentExecution> input = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      List<dev.agentstore.model.AgentMessage> messages = new java.util.ArrayList<>();
      for (int m = 0; m < 10; m++) {
        messages.add(dev.agentstore.model.AgentMessage.of(dev.agentstore.model.MessageType.AI,
            i + "." + m, Instant.EPOCH.plusSeconds(m)));
      }
      var status = dev.agentstore.model.AgentExecutionStatus.pending().withMessages(messages);
      input.add(new AgentExecution(Metadata.of(org, "big-" + i).withLabel("batch", marker),
          template.spec(), status));
    }
    long mark = HistoryTck.head(store);
    List<AgentExecution> made = store.agentExecutions().createAll(input);
    assertThat(made).hasSize(1_000);
    assertThat(store.agentExecutions().count(
        Query.builder().labelSelector("batch=" + marker).build())).isEqualTo(1_000);
    for (int i : new int[] {0, 363, 364, 999}) {
      AgentExecution back = store.agentExecutions().get(made.get(i).id()).orElseThrow();
      assertThat(back).isEqualTo(made.get(i));
      assertThat(back.metadata().name()).isEqualTo("big-" + i);
      assertThat(back.status().messages()).extracting(dev.agentstore.model.AgentMessage::content)
          .containsExactly(java.util.stream.IntStream.range(0, 10).mapToObj(m -> i + "." + m)
              .toArray(String[]::new));
    }
    assertThat(store.agentExecutions().messagesAcross().count(
        dev.agentstore.ExecutionItemQuery.builder()
            .executions(Query.builder().labelSelector("batch=" + marker).build()).build()))
        .isEqualTo(10_000);
    List<ResourceVersion> feed = HistoryTck.changesAfter(store, mark);
    assertThat(feed).extracting(ResourceVersion::resourceId)
        .containsExactlyElementsOf(made.stream().map(AgentExecution::id).toList());
  }

  @Test
  void createAllIsAllOrNothingAndNamesTheBadElement() {
    String org = newOrg().id();
    Agent stored = store.agents().create(Agent.builder().org(org).name(unique("taken"))
        .instructions("x").build());
    java.util.function.Function<String, Agent> agent = name -> Agent.builder().org(org)
        .name(name).instructions("x").build();
    long agents = store.agents().count(Query.builder().org(org).build());
    long mark = HistoryTck.head(store);

    assertThatThrownBy(() -> store.agents().createAll(List.of(agent.apply(unique("a")),
        agent.apply(stored.metadata().name()))))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(stored.metadata().slug());
    String twice = unique("twice");
    assertThatThrownBy(() -> store.agents().createAll(List.of(agent.apply(unique("b")),
        agent.apply(twice), agent.apply(twice))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("resources[2].metadata.slug").hasMessageContaining("resources[1]");
    java.util.List<Agent> withNull = new java.util.ArrayList<>(List.of(agent.apply(unique("c"))));
    withNull.add(null);
    assertThatThrownBy(() -> store.agents().createAll(withNull))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("resources[1]"));
    assertThatThrownBy(() -> store.agents().createAll(java.util.Collections.nCopies(1_001,
        agent.apply(unique("many"))))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> store.agents().createAll(null))
        .isInstanceOf(InvalidArgumentException.class);

    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(agents);
    assertThat(HistoryTck.changesAfter(store, mark)).isEmpty();
  }

  // ---------------------------------------------------------------- apply unchanged

  @ParameterizedTest
  @MethodSource("creatableKinds")
  void applyOfUnchangedContentWritesNothing(Kind kind) {
    String org = kind == Kind.ORGANIZATION ? null : newOrg().id();
    ResourceRepository<Resource<?, ?>> repo = creatable(store, kind);
    Resource<?, ?> desired = Samples.unsaved(this, store, kind, org, unique("applied"));
    Resource<?, ?> first = repo.apply(desired);
    long head = store.changes().since(0, 10_000).size();
    int history = store.history().list(first.id()).size();

    Resource<?, ?> again = repo.apply(desired);
    assertThat(again.metadata().version()).as("like kubectl apply: no new version")
        .isEqualTo(first.metadata().version());
    assertThat(again).isEqualTo(repo.get(first.id()).orElseThrow());
    assertThat(store.history().list(first.id())).as("no history row").hasSize(history);
    assertThat(store.changes().since(0, 10_000)).as("no change event").hasSize((int) head);

    Resource<?, ?> relabelled = repo.apply(desired.withMetadata(desired.metadata()
        .withLabel("tier", "gold")));
    assertThat(relabelled.metadata().version()).isEqualTo(first.metadata().version() + 1);
  }

  // ---------------------------------------------------------------- edit

  @Test
  void editReappliesTheChangeAfterAConflict() {
    Agent a = newAgent(store, newOrg().id(), unique("edited"));
    AtomicInteger calls = new AtomicInteger();
    Agent edited = store.agents().edit(a.id(), cur -> {
      if (calls.incrementAndGet() == 1) { // a rival writes between the edit's read and write
        store.agents().update(cur.withMetadata(cur.metadata().withLabel("by", "rival")));
      }
      return cur.withSpec(cur.spec()).withMetadata(cur.metadata().withLabel("edited", "yes"));
    });
    assertThat(calls).as("run again on the re-read resource").hasValue(2);
    assertThat(edited.metadata().version()).isEqualTo(3);
    assertThat(edited.metadata().labels()).containsEntry("by", "rival")
        .containsEntry("edited", "yes");
    assertThat(store.agents().get(a.id())).contains(edited);
  }

  @Test
  void editGivesUpAfterTheConfiguredRetries() {
    AgentStore once = open(location.editRetries(1));
    Agent a = newAgent(once, newOrg(once).id(), unique("contended"));
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> once.agents().edit(a.id(), cur -> {
      calls.incrementAndGet();
      once.agents().update(cur.withMetadata(cur.metadata().withLabel("n", "" + calls.get())));
      return cur.withMetadata(cur.metadata().withLabel("edited", "yes"));
    })).isInstanceOf(ConflictException.class);
    assertThat(calls).as("the first try and one retry").hasValue(2);
    assertThat(once.agents().get(a.id()).orElseThrow().metadata().labels())
        .doesNotContainKey("edited");
    assertThatThrownBy(() -> AgentStore.builder().editRetries(-1))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void editOfAMissingResourceIsNotFoundAndNeverCallsTheChange() {
    String missing = Ids.next(Kind.AGENT);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> store.agents().edit(missing, cur -> {
      calls.incrementAndGet();
      return cur;
    })).isInstanceOfSatisfying(NotFoundException.class, e -> {
      assertThat(e.resourceId()).contains(missing);
      assertThat(e.kind()).contains(Kind.AGENT);
    });
    assertThat(calls).hasValue(0);
  }

  @Test
  void editStatusWritesTheStatusOnly() {
    Agent a = newAgent(store, newOrg().id(), unique("status-edit"));
    String instance = Ids.next(Kind.AGENT_INSTANCE);
    Agent edited = store.agents().editStatus(a.id(),
        cur -> cur.withStatus(AgentStatus.builder().defaultInstanceId(instance).build()).withSpec(null));
    assertThat(edited.status().defaultInstanceId()).isEqualTo(instance);
    assertThat(edited.spec()).as("the spec is kept as stored").isEqualTo(a.spec());
    assertThat(edited.metadata().version()).isEqualTo(2);
  }
}
