package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Query;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.UpdatableRepository;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Organization;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowTask;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation: through {@code forOrg(a)}, every operation on a resource of org b behaves as
 * "not found" and changes nothing, lists and counts never include it, and references across orgs
 * are refused.
 *
 * <p>Usage: {@code class LocalIsolationTest extends IsolationTck { ...newStoreBuilder()... }}
 */
public abstract class IsolationTck extends TckSupport {

  static Stream<Kind> kinds() {
    return Samples.everyKind();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyOperationOnAnotherOrgsResourceIsNotFound(Kind kind) {
    String a = newOrg().id();
    String b = newOrg().id();
    String ownerOrg = kind == Kind.ORGANIZATION ? null : b;
    UpdatableRepository<Resource<?, ?>> unscoped = RepositoryTck.repo(store, kind);
    Resource<?, ?> theirs = Samples.created(this, store, kind, ownerOrg, unique("theirs"));
    Resource<?, ?> before = unscoped.get(theirs.id()).orElseThrow();
    AgentStore view = store.forOrg(a);
    UpdatableRepository<Resource<?, ?>> repo = RepositoryTck.repo(view, kind);

    assertThat(repo.get(theirs.id())).isEmpty();
    assertThat(repo.getBySlug(theirs.metadata().org(), theirs.metadata().slug())).isEmpty();
    assertThatThrownBy(() -> repo.update(theirs.withMetadata(theirs.metadata()
        .withLabel("x", "y")))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> repo.updateStatus(Samples.withStatus(theirs, Samples.newStatus(kind))))
        .isInstanceOf(NotFoundException.class);
    assertThat(repo.delete(theirs.id())).isFalse();
    assertThat(repo.delete(theirs.id(), 1)).isFalse();
    assertThat(repo.list(Query.builder().pageSize(1000).build()).items())
        .noneMatch(r -> r.id().equals(theirs.id()));
    assertThat(repo.list(Query.builder().org(b).build()).items()).isEmpty();
    assertThat(repo.count(Query.builder().org(b).build())).isZero();
    assertThatThrownBy(() -> Samples.created(this, view, kind, ownerOrg, unique("into-b")))
        .isInstanceOf(NotFoundException.class);
    assertThat(view.history().list(theirs.id())).isEmpty();
    assertThat(view.history().get(theirs.id(), 1)).isEmpty();
    assertThat(view.changes().since(0, 10_000))
        .noneMatch(c -> c.resourceId().equals(theirs.id()));

    assertThat(unscoped.get(theirs.id())).contains(before);
  }

  @Test
  void executionOperationsOnAnotherOrgAreNotFound() {
    String a = newOrg().id();
    String b = newOrg().id();
    AgentExecution theirs = newAgentExecution(store, b);
    WorkflowExecution theirFlow = newWorkflowExecution(store, b);
    AgentStore view = store.forOrg(a);
    List<Runnable> calls = List.of(
        () -> view.agentExecutions().transition(theirs.id(), ExecutionPhase.CANCELLED),
        () -> view.agentExecutions().appendMessages(theirs.id(),
            AgentMessage.of(MessageType.AI, "x", Instant.EPOCH)),
        () -> view.agentExecutions().upsertToolCall(theirs.id(), ToolCall.pending("c", "t",
            null)),
        () -> view.workflowExecutions().upsertTask(theirFlow.id(),
            WorkflowTask.pending("t", "n", "x")),
        () -> view.workflowExecutions().transition(theirFlow.id(), ExecutionPhase.FAILED));
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOf(NotFoundException.class);
    }
    assertThat(view.agentExecutions().phase(theirs.id())).isEmpty();
    assertThat(view.agentExecutions().listBySession(theirs.spec().sessionId(), Query.all())
        .items()).isEmpty();
    AgentExecution after = store.agentExecutions().get(theirs.id()).orElseThrow();
    assertThat(after.metadata().version()).isEqualTo(1);
    assertThat(after.status().messages()).isEmpty();
    assertThat(after.status().phase()).isEqualTo(ExecutionPhase.PENDING);
  }

  @Test
  void referencesAcrossOrgsAreRefused() {
    String a = newOrg().id();
    String b = newOrg().id();
    String theirAgent = newAgent(store, b, "theirs").id();
    for (AgentStore s : List.of(store, store.forOrg(a))) {
      assertThatThrownBy(() -> s.agentInstances().create(new AgentInstance(
          Metadata.of(a, unique("cross")), AgentInstanceSpec.builder().agentId(theirAgent)
              .description("x").environmentRefs(List.of()).build(),
          null))).isInstanceOf(FailedPreconditionException.class);
    }
    assertThat(store.agentInstances().count(Query.builder().org(a).build())).isZero();
  }

  @Test
  void aViewCannotWidenToAnotherOrg() {
    String a = newOrg().id();
    String b = newOrg().id();
    assertThatThrownBy(() -> store.forOrg(a).forOrg(b)).isInstanceOf(AgentStoreException.class);
    assertThat(store.forOrg(a).forOrg(a).org()).isEqualTo(a);
    assertThat(store.forOrg(a).organizations().get(b)).isEmpty();
    assertThat(store.forOrg(a).organizations().get(a)).isPresent();
  }

  static Stream<Kind> orgScopedCreatableKinds() {
    return RepositoryTck.creatableKinds().filter(k -> k != Kind.ORGANIZATION);
  }

  private static Resource<?, ?> withId(Resource<?, ?> r, String id) {
    return r.withMetadata(r.metadata().toBuilder().id(id).build());
  }

  /**
   * Create assigns a new id and ignores the caller's {@code metadata.id} (like the version and
   * timestamps), so an id of another org's resource neither fails the create nor is taken over:
   * the outcome is the same as for an id nobody has.
   */
  @ParameterizedTest
  @MethodSource("orgScopedCreatableKinds")
  void createIgnoresACallersIdSoAnotherOrgsIdsRevealNothing(Kind kind) {
    String a = newOrg().id();
    String b = newOrg().id();
    UpdatableRepository<Resource<?, ?>> unscoped = RepositoryTck.repo(store, kind);
    Resource<?, ?> theirs = Samples.created(this, store, kind, b, unique("theirs"));
    Resource<?, ?> before = unscoped.get(theirs.id()).orElseThrow();
    AgentStore view = store.forOrg(a);
    ResourceRepository<Resource<?, ?>> repo = RepositoryTck.creatable(view, kind);

    String unknown = Ids.next(kind);
    Resource<?, ?> withTheirId = repo.create(withId(Samples.unsaved(this, view, kind, a,
        unique("mine")), theirs.id()));
    Resource<?, ?> withUnknownId = repo.create(withId(Samples.unsaved(this, view, kind, a,
        unique("mine")), unknown));

    for (Resource<?, ?> mine : List.of(withTheirId, withUnknownId)) {
      assertThat(mine.id()).isNotIn(theirs.id(), unknown);
      assertThat(Ids.require(mine.id(), kind, "id")).isEqualTo(mine.id());
      assertThat(mine.metadata().org()).isEqualTo(a);
      assertThat(mine.metadata().version()).isEqualTo(1);
      assertThat(repo.get(mine.id())).contains(mine);
    }
    assertThat(repo.get(theirs.id())).isEmpty();
    assertThat(repo.get(unknown)).isEmpty();
    assertThat(unscoped.get(theirs.id())).contains(before);
    assertThat(store.history().list(theirs.id())).hasSize(1);

    // Within one org too: an id that is taken is not a reason to fail, it is simply not used.
    Resource<?, ?> again = RepositoryTck.creatable(store, kind).create(withId(
        Samples.unsaved(this, store, kind, b, unique("again")), theirs.id()));
    assertThat(again.id()).isNotEqualTo(theirs.id());
    assertThat(unscoped.get(theirs.id())).contains(before);
  }

  @Test
  void creatingAnOrganizationIgnoresACallersIdAndAnOrgViewCannotCreateOne() {
    Organization existing = newOrg();
    Organization copy = store.organizations().create(new Organization(existing.metadata()
        .toBuilder().name(unique("copy")).slug(null).build(), existing.spec(), null));
    assertThat(copy.id()).isNotEqualTo(existing.id());
    assertThat(store.organizations().get(existing.id())).contains(existing);
    AgentStore view = store.forOrg(existing.id());
    for (String id : List.of(existing.id(), Ids.next(Kind.ORGANIZATION))) {
      assertThatThrownBy(() -> view.organizations().create(new Organization(Metadata.builder()
          .id(id).name(unique("org")).build(), existing.spec(), null)))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
