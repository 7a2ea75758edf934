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
import dev.agentstore.model.AgentStatus;
import java.time.Instant;
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

  static Stream<Kind> kinds() {
    return Kind.resourceKinds().stream();
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
