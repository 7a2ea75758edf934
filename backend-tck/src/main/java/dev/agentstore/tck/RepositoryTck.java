package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
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
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every repository operation on every kind: create, get, getBySlug, update (and a stale update
 * rejected with the row unchanged), updateStatus, apply, delete (with and without a version),
 * duplicate slugs, list and count.
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
}
