package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.DeleteOptions;
import dev.agentstore.DeleteResult;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.MaintenanceReport;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.SchemaMigration;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Skill;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Retention: {@code deleteWhere} deletes a query's matches in bounded batches, honouring delete
 * rules and recording (or pruning) history, optionally with the executions' artifacts; and
 * {@code history().prune} per kind, in bounded batches too.
 *
 * <p>Usage: {@code class LocalRetentionTest extends RetentionTck { ... newStoreBuilder() ... }}
 */
public abstract class RetentionTck extends TckSupport {

  private List<Agent> labelledAgents(String org, String batch, int n) {
    List<Agent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Agent a = newAgent(store, org, unique("ret"));
      out.add(store.agents().update(a.withMetadata(a.metadata().withLabel("batch", batch))));
    }
    return out;
  }

  private static Query batch(String batch) {
    return Query.builder().labelSelector("batch=" + batch).build();
  }

  @Test
  void schemaMigrationsListEveryAppliedVersionInOrderLikeFlywayInfo() {
    List<SchemaMigration> applied = store.schemaMigrations();
    assertThat(applied).as("an open store has applied its bundled migrations").isNotEmpty();
    assertThat(applied).allSatisfy(m -> {
      assertThat(m.success()).isTrue();
      assertThat(m.state()).isEqualTo("Success");
      assertThat(m.description()).isNotBlank();
      assertThat(m.installedOn()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    });
    assertThat(applied).extracting(SchemaMigration::rank).isSorted().doesNotHaveDuplicates();
    List<Integer> versions = applied.stream().filter(m -> m.version() != null)
        .map(m -> Integer.parseInt(m.version())).toList();
    assertThat(versions).startsWith(1).isSorted().doesNotHaveDuplicates();
    assertThat(versions.get(versions.size() - 1)).isEqualTo(versions.size());
    assertThat(store.forOrg(newOrg().id()).schemaMigrations()).isEqualTo(applied);
  }

  @Test
  void deleteWhereDeletesEveryMatchInBatchesAndRecordsEachDeletion() {
    String org = newOrg().id();
    List<Agent> doomed = labelledAgents(org, "old", 11);
    List<Agent> kept = labelledAgents(org, "new", 3);
    long mark = HistoryTck.head(store);

    DeleteResult r = store.agents().deleteWhere(batch("old"),
        DeleteOptions.builder().batchSize(4).build());

    assertThat(r.deleted()).isEqualTo(11);
    assertThat(r.blocked()).isZero();
    assertThat(r.batches()).as("4 + 4 + 3, one transaction each").isEqualTo(3);
    assertThat(r.artifactsDeleted()).isZero();
    assertThat(store.agents().count(batch("old"))).isZero();
    assertThat(store.agents().count(batch("new"))).isEqualTo(3);
    for (Agent a : kept) {
      assertThat(store.agents().get(a.id())).contains(a);
    }
    List<ResourceVersion> feed = HistoryTck.changesAfter(store, mark);
    assertThat(feed).extracting(ResourceVersion::event).containsOnly(ChangeEvent.DELETED);
    assertThat(feed).extracting(ResourceVersion::resourceId)
        .containsExactlyInAnyOrderElementsOf(doomed.stream().map(Agent::id).toList());
    for (Agent a : doomed) {
      List<ResourceVersion> h = store.history().list(a.id());
      assertThat(h.get(h.size() - 1).event()).isEqualTo(ChangeEvent.DELETED);
      assertThat(h.get(h.size() - 1).resourceVersion()).isEqualTo(a.metadata().version() + 1);
    }
    assertThat(store.agents().deleteWhere(batch("old")))
        .as("nothing left to delete").isEqualTo(new DeleteResult(0, 0, 0, 0));
  }

  @Test
  void aBatchCommitsWhenItsTimeRunsOutAndTheNextGoesOnAfterItsLastRow() {
    // A clock that moves 40 ms whenever the store reads it: with a 100 ms batch time a batch
    // runs out of time after a delete or two, whatever the machine's speed.
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    java.time.Clock ticking = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        clock.advance(Duration.ofMillis(40));
        return clock.instant();
      }
    };
    AgentStore s = open(freshLocation().clock(ticking));
    String org = newOrg(s).id();
    List<String> doomed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Agent a = newAgent(s, org, unique("timed"));
      doomed.add(s.agents().update(a.withMetadata(a.metadata().withLabel("batch", "timed"))).id());
    }
    newAgent(s, org, unique("keeper"));
    long mark = HistoryTck.head(s);

    DeleteResult r = s.agents().deleteWhere(Query.builder().labelSelector("batch=timed").build(),
        DeleteOptions.builder().batchSize(500).batchTime(Duration.ofMillis(100)).build());

    assertThat(r.deleted()).isEqualTo(12);
    assertThat(r.batches()).as("time ran out long before 500 rows, and every batch deleted one"
        + " or more").isBetween(4L, 12L);
    assertThat(HistoryTck.changesAfter(s, mark)).extracting(ResourceVersion::resourceId)
        .as("each deleted once, none skipped where a batch ended")
        .containsExactlyInAnyOrderElementsOf(doomed);
    assertThat(s.agents().count(Query.builder().org(org).build())).isEqualTo(1);

    DeleteResult slow = s.agents().deleteWhere(Query.builder().labelSelector("batch=timed")
        .build(), DeleteOptions.builder().batchTime(Duration.ofMinutes(1)).build());
    assertThat(slow).as("nothing left").isEqualTo(new DeleteResult(0, 0, 0, 0));
  }

  @Test
  void deleteWhereCanPruneTheDeletedResourcesHistoryInstead() {
    String org = newOrg().id();
    List<Agent> doomed = labelledAgents(org, "pruned", 5);
    Agent other = labelledAgents(org, "kept", 1).get(0);
    long mark = HistoryTck.head(store);

    DeleteResult r = store.agents().deleteWhere(batch("pruned"),
        DeleteOptions.builder().batchSize(2).pruneHistory(true).build());

    assertThat(r.deleted()).isEqualTo(5);
    for (Agent a : doomed) {
      assertThat(store.history().list(a.id())).as("history of %s", a.id()).isEmpty();
      assertThat(store.agents().get(a.id())).isEmpty();
    }
    assertThat(HistoryTck.changesAfter(store, mark)).as("no DELETED entries either").isEmpty();
    assertThat(store.history().list(other.id())).hasSize(2);
  }

  @Test
  void referencedResourcesAreLeftInPlaceAndCountedAsBlocked() {
    String org = newOrg().id();
    List<Agent> agents = labelledAgents(org, "refd", 7);
    Set<String> referenced = new HashSet<>();
    for (int i : new int[] {1, 4}) {
      Agent a = agents.get(i);
      store.agentInstances().create(new AgentInstance(Metadata.of(org, unique("inst")),
          AgentInstanceSpec.builder().agentId(a.id()).build(), null));
      referenced.add(a.id());
    }

    DeleteResult r = store.agents().deleteWhere(batch("refd"),
        DeleteOptions.builder().batchSize(3).build());

    assertThat(r.deleted()).isEqualTo(5);
    assertThat(r.blocked()).isEqualTo(2);
    assertThat(store.agents().list(batch("refd")).items()).extracting(Agent::id)
        .containsExactlyInAnyOrderElementsOf(referenced);
    for (String id : referenced) {
      assertThat(store.history().list(id)).extracting(ResourceVersion::event)
          .doesNotContain(ChangeEvent.DELETED);
    }
  }

  @Test
  void executionsGoWithTheirItemsContextsAndOptionallyTheirArtifacts() throws Exception {
    String org = newOrg().id();
    AgentExecution done = newAgentExecution(store, org);
    store.agentExecutions().appendMessages(done.id(), AgentMessage.of(MessageType.AI, "hi",
        Instant.EPOCH));
    store.agentExecutions().transition(done.id(), ExecutionPhase.IN_PROGRESS);
    store.agentExecutions().transition(done.id(), ExecutionPhase.COMPLETED);
    AgentExecution running = newAgentExecution(store, org);
    store.agentExecutions().transition(running.id(), ExecutionPhase.IN_PROGRESS);
    put(done.id() + "/report.txt");
    put(done.id() + "/logs/1.txt");
    put(running.id() + "/report.txt");

    DeleteResult r = store.agentExecutions().deleteWhere(Query.builder().org(org)
        .phase(ExecutionPhase.COMPLETED).build(),
        DeleteOptions.builder().deleteArtifacts(true).build());

    assertThat(r.deleted()).isEqualTo(1);
    assertThat(r.artifactsDeleted()).isEqualTo(2);
    assertThat(store.agentExecutions().get(done.id())).isEmpty();
    assertThat(store.agentExecutions().get(running.id())).isPresent();
    assertThat(store.artifacts().head(done.id() + "/report.txt")).isEmpty();
    assertThat(store.artifacts().head(running.id() + "/report.txt")).isPresent();
  }

  private void put(String key) {
    store.artifacts().put(key, new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void badArgumentsAreRejectedAndNothingIsDeleted() {
    String org = newOrg().id();
    labelledAgents(org, "safe", 2);
    assertThatThrownBy(() -> store.agents().deleteWhere(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("query");
    assertThatThrownBy(() -> store.agents().deleteWhere(batch("safe"), null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("options");
    for (int bad : new int[] {0, -1, DeleteOptions.MAX_BATCH_SIZE + 1}) {
      assertThatThrownBy(() -> DeleteOptions.builder().batchSize(bad).build())
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("batchSize");
    }
    for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofNanos(999_999),
        Duration.ofMillis(-5), Duration.ofMinutes(1).plusNanos(1)}) {
      assertThatThrownBy(() -> DeleteOptions.builder().batchTime(bad).build())
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("batchTime");
    }
    assertThatThrownBy(() -> store.agents().deleteWhere(Query.builder()
        .where("spec.description", Double.NaN).build()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.inTransaction(tx -> tx.agents().deleteWhere(batch("safe"),
        DeleteOptions.builder().deleteArtifacts(true).build())))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("deleteArtifacts");
    assertThat(store.agents().count(batch("safe"))).isEqualTo(2);
  }

  @Test
  void insideATransactionEveryBatchIsTheCallersAndRollsBackWithIt() {
    String org = newOrg().id();
    labelledAgents(org, "tx", 5);
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      DeleteResult r = tx.agents().deleteWhere(batch("tx"),
          DeleteOptions.builder().batchSize(2).build());
      assertThat(r.deleted()).isEqualTo(5);
      assertThat(tx.agents().count(batch("tx"))).isZero();
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.agents().count(batch("tx"))).isEqualTo(5);
  }

  @Test
  void concurrentDeletersDeleteEachResourceExactlyOnce() throws Exception {
    String org = newOrg().id();
    labelledAgents(org, "race", 24);
    AtomicLong deleted = new AtomicLong();
    Concurrently.run(3, thread -> deleted.addAndGet(store.agents().deleteWhere(batch("race"),
        DeleteOptions.builder().batchSize(5).build()).deleted()));
    assertThat(deleted.get()).isEqualTo(24);
    assertThat(store.agents().count(batch("race"))).isZero();
  }

  @Test
  void pruneOfOneKindLeavesTheOthersAndRunsPastOneBatch() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore s = open(freshLocation().clock(clock));
    String org = newOrg(s).id();
    Agent agent = newAgent(s, org, unique("pruned"));
    int updates = 1_050; // more than one prune batch (1000)
    Agent last = s.inTransaction(tx -> {
      Agent a = agent;
      for (int i = 0; i < updates; i++) {
        a = tx.agents().update(a.withMetadata(a.metadata().withLabel("n", "" + i)));
      }
      return a;
    });
    Skill skill = (Skill) Samples.created(this, s, Kind.SKILL, org, unique("skill"));
    s.skills().update(skill.withMetadata(skill.metadata().withLabel("n", "1")));
    clock.advance(Duration.ofSeconds(1));
    Instant cutoff = clock.instant();

    assertThat(HistoryTck.changesAfter(s, 0).stream().filter(v -> v.resourceId().equals(agent.id())))
        .hasSize(updates + 1);
    assertThat(s.history().prune(cutoff, Kind.AGENT)).isEqualTo(updates);
    assertThat(s.history().list(agent.id())).extracting(ResourceVersion::resourceVersion)
        .containsExactly(last.metadata().version());
    assertThat(s.history().list(skill.id())).as("another kind's entries stay").hasSize(2);
    assertThat(s.history().prune(cutoff)).as("every kind: the skill's first entry").isEqualTo(1);
    assertThatThrownBy(() -> s.history().prune(cutoff, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("kind");
    assertThatThrownBy(() -> s.history().prune(cutoff, Kind.API_RESOURCE_VERSION))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("kind");
  }

  @Test
  void maintenanceDeletesWhatOutlivedItsKindsRetentionThenPrunesHistory() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore.Builder where = freshLocation().clock(clock)
        .retention(Kind.SKILL, Duration.ofDays(30)).historyRetention(Duration.ofDays(60));
    AgentStore s = open(where);
    String org = newOrg(s).id();
    Skill old = (Skill) Samples.created(this, s, Kind.SKILL, org, unique("old"));
    Skill touched = (Skill) Samples.created(this, s, Kind.SKILL, org, unique("touched"));
    Agent agent = newAgent(s, org, unique("kept")); // no retention for agents
    clock.advance(Duration.ofDays(20));
    touched = s.skills().update(touched.withMetadata(touched.metadata().withLabel("k", "v")));
    Skill fresh = (Skill) Samples.created(this, s, Kind.SKILL, org, unique("fresh"));
    clock.advance(Duration.ofDays(15)); // old: 35 days untouched; touched: 15; fresh: 15

    MaintenanceReport first = s.maintenance().run();

    assertThat(first.ranAt()).isEqualTo(Instant.parse("2026-04-05T00:00:00Z"));
    assertThat(first.deleted()).containsOnlyKeys(Kind.SKILL);
    assertThat(first.deleted().get(Kind.SKILL).deleted()).isEqualTo(1);
    assertThat(first.totalDeleted()).isEqualTo(1);
    assertThat(first.historyEntriesPruned()).as("nothing is 60 days old yet").isZero();
    assertThat(s.skills().get(old.id())).isEmpty();
    assertThat(s.skills().get(touched.id())).contains(touched);
    assertThat(s.skills().get(fresh.id())).contains(fresh);
    assertThat(s.agents().get(agent.id())).contains(agent);
    assertThat(s.history().list(old.id())).extracting(ResourceVersion::event)
        .endsWith(ChangeEvent.DELETED);

    clock.advance(Duration.ofDays(40)); // touched and fresh now 55 days untouched
    AgentStore other = open(where); // a second process running the same schedule
    MaintenanceReport second = other.maintenance().run();

    assertThat(second.deleted().get(Kind.SKILL).deleted()).isEqualTo(2);
    assertThat(s.skills().list(Query.builder().build()).items()).isEmpty();
    assertThat(second.historyEntriesPruned())
        .as("the 2026-03-01 entries of resources with a later one").isPositive();
    assertThat(s.history().list(agent.id())).as("its latest entry stays").hasSize(1);
    assertThat(s.history().list(old.id())).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.DELETED);
    assertThat(s.maintenance().run().totalDeleted()).as("nothing left").isZero();
  }

  @Test
  void maintenanceRefusesTenantViewsAndTransactionsAndBadRetentions() {
    AgentStore s = open(freshLocation().retention(Kind.SKILL, Duration.ofDays(1)));
    String org = newOrg(s).id();

    assertThatThrownBy(() -> s.forOrg(org).maintenance().run())
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("tenant view");
    assertThatThrownBy(() -> s.inTransaction(tx -> tx.maintenance().run()))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("inTransaction");
    assertThat(store.maintenance().run().deleted()).as("nothing configured").isEmpty();
    assertThatThrownBy(() -> AgentStore.builder().retention(Kind.SKILL, Duration.ofSeconds(59)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Skill");
    assertThatThrownBy(() -> AgentStore.builder().retention(Kind.API_RESOURCE_VERSION,
        Duration.ofDays(1))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> AgentStore.builder().retention(null, Duration.ofDays(1)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> AgentStore.builder().historyRetention(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("historyRetention");
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * deleteWhere on a declared kind's declared field deletes every match in bounded batches with
   * a DELETED entry each; prune of that kind leaves other kinds' entries; maintenance applies a
   * retention declared for it (TTL by updatedAt on the store's clock).
   */
  @Test
  void aDeclaredKindIsDeletedByQueryPrunedAndExpiredLikeABuiltInOne() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore.Builder where = freshLocation().clock(clock)
        .retention(Samples.WIDGET_KIND, Duration.ofDays(30));
    AgentStore s = open(where);
    String org = newOrg(s).id();
    List<String> doomed = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      doomed.add(newWidget(s, org, unique("big"), "red", 100 + i, "1").id());
    }
    var small = newWidget(s, org, unique("small"), "red", 1, "1");
    long mark = HistoryTck.head(s);
    DeleteResult r = widgets(s).deleteWhere(Query.builder().where("spec.size").greaterOrEqual(100)
        .build(), DeleteOptions.builder().batchSize(3).build());
    assertThat(r.deleted()).isEqualTo(7);
    assertThat(r.batches()).as("3 + 3 + 1").isEqualTo(3);
    assertThat(HistoryTck.changesAfter(s, mark)).extracting(ResourceVersion::resourceId)
        .containsExactlyInAnyOrderElementsOf(doomed);
    assertThat(widgets(s).count(Query.builder().org(org).build())).isEqualTo(1);

    Agent agent = newAgent(s, org, unique("agent"));
    s.agents().update(agent.withMetadata(agent.metadata().withLabel("n", "1")));
    var small2 = widgets(s).update(small.withMetadata(small.metadata().withLabel("n", "1")));
    clock.advance(Duration.ofSeconds(1));
    assertThat(s.history().prune(clock.instant(), Samples.WIDGET_KIND))
        .as("the small widget's first entry and the deleted widgets' older ones")
        .isEqualTo(1 + 7);
    assertThat(s.history().list(small.id())).hasSize(1);
    assertThat(s.history().list(agent.id())).as("another kind's entries stay").hasSize(2);

    clock.advance(Duration.ofDays(20));
    var fresh = newWidget(s, org, unique("fresh"), "blue", 2, "1");
    clock.advance(Duration.ofDays(15));
    MaintenanceReport report = s.maintenance().run();
    assertThat(report.deleted()).containsOnlyKeys(Samples.WIDGET_KIND);
    assertThat(report.deleted().get(Samples.WIDGET_KIND).deleted()).isEqualTo(1);
    assertThat(widgets(s).get(small2.id())).isEmpty();
    assertThat(widgets(s).get(fresh.id())).contains(fresh);
    assertThatThrownBy(() -> open(newStoreBuilder().retention(Samples.WIDGET_KIND,
        Duration.ofDays(1)))).as("a retention of a kind the store does not hold")
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tck.dev/Widget");
  }
}
