package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.ConflictException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.SecretsException;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.history.Subscription;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.ExecutionContextSpec;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.ExecutionValue;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowTask;
import dev.agentstore.spi.Backend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Version history and the change feed: one entry per write of every kind with the right event,
 * version, actor and message; none for a write that rolls back; appends recorded as only the
 * appended items; paging; prune keeping latest entries; a feed that concurrent readers see
 * completely, exactly once and in order (also when a transaction that wrote first commits last);
 * subscriptions under a slow listener, a failing listener and a store restart; the backend's
 * commit callbacks that wake them; org views; no secret plaintext in any snapshot.
 *
 * <p>Usage: {@code class LocalHistoryTest extends HistoryTck { ...newStoreBuilder()... }}
 */
public abstract class HistoryTck extends TckSupport {
  private static final long WAIT_MS = 30_000;

  // ------------------------------------------------------------------ helpers

  /**
   * Every change after {@code after} visible to {@code s}, read page by page (also for a
   * backend's own feed tests).
   */
  public static List<ResourceVersion> changesAfter(AgentStore s, long after) {
    List<ResourceVersion> all = new ArrayList<>();
    for (List<ResourceVersion> page = s.changes().since(after, 100); !page.isEmpty();
        page = s.changes().since(after, 100)) {
      all.addAll(page);
      after = page.get(page.size() - 1).sequence();
    }
    return all;
  }

  /** The highest sequence written so far (0 for none). */
  public static long head(AgentStore s) {
    List<ResourceVersion> all = changesAfter(s, 0);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
  }

  /** The entries after {@code after} that belong to {@code resourceId}. */
  static List<ResourceVersion> entriesOf(AgentStore s, String resourceId, long after) {
    return changesAfter(s, after).stream().filter(v -> v.resourceId().equals(resourceId))
        .toList();
  }

  static void assertStrictlyIncreasingAndUnique(List<ResourceVersion> seen) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < seen.size(); i++) {
      assertThat(ids.add(seen.get(i).id())).as("entry %s seen twice", seen.get(i).id()).isTrue();
      if (i > 0) {
        assertThat(seen.get(i).sequence()).as("sequence order at %d", i)
            .isGreaterThan(seen.get(i - 1).sequence());
      }
    }
  }

  /** A change-feed reader that remembers its position, as a real follower would. */
  static final class Follower {
    final List<ResourceVersion> seen = new ArrayList<>();
    long last;

    Follower(long from) {
      this.last = from;
    }

    /** Reads the next page after the last change seen. */
    void poll(AgentStore s, int limit) {
      List<ResourceVersion> page = s.changes().since(last, limit);
      seen.addAll(page);
      last = page.isEmpty() ? last : page.get(page.size() - 1).sequence();
    }
  }

  @Test
  void apiKeyIssueUpdateRevokeAndDeleteEachRecordOneEntry() {
    String org = newOrg().id();
    AgentStore alice = store.as("alice");
    var issued = alice.apiKeys().issue(org, unique("key"), null);
    var key = issued.key();
    var relabeled = alice.apiKeys().update(key.withMetadata(key.metadata().withLabel("t", "x")));
    var revoked = alice.apiKeys().revoke(key.id());
    assertThat(alice.apiKeys().delete(key.id(), revoked.metadata().version())).isTrue();
    List<ResourceVersion> entries = store.history().list(key.id());
    assertThat(entries).extracting(ResourceVersion::event).containsExactly(ChangeEvent.CREATED,
        ChangeEvent.UPDATED, ChangeEvent.STATUS_UPDATED, ChangeEvent.DELETED);
    assertThat(entries).extracting(ResourceVersion::resourceVersion).containsExactly(1L,
        relabeled.metadata().version(), revoked.metadata().version(),
        revoked.metadata().version() + 1);
    assertThat(entries).allMatch(v -> v.actor().equals("alice"));
    assertThat(entries).allMatch(v -> !v.snapshot().toString().contains(issued.plaintext()));
  }

  private static AgentMessage message(String text) {
    return AgentMessage.of(MessageType.AI, text, Instant.EPOCH);
  }

  // ------------------------------------------------------------------ one entry per write

  @ParameterizedTest
  @MethodSource("dev.agentstore.tck.RepositoryTck#creatableKinds")
  void everyWriteOfEveryKindRecordsOneEntry(Kind kind) {
    String org = kind == Kind.ORGANIZATION ? null : newOrg().id();
    Resource<?, ?> unsaved = Samples.unsaved(this, store, kind, org, unique("hist"));
    long mark = head(store);
    AgentStore alice = store.as("alice");
    ResourceRepository<Resource<?, ?>> repo = RepositoryTck.creatable(alice, kind);

    Resource<?, ?> v1 = repo.create(unsaved);
    Resource<?, ?> v2 = RepositoryTck.repo(alice.withMessage("relabel"), kind)
        .update(v1.withMetadata(v1.metadata().withLabel("tier", "gold")));
    Resource<?, ?> v3 = repo.updateStatus(Samples.withStatus(v2, Samples.newStatus(kind)));
    Resource<?, ?> v4 = RepositoryTck.creatable(store, kind)
        .apply(v3.withMetadata(v3.metadata().withLabel("tier", "silver")));
    assertThat(repo.delete(v1.metadata().id(), v4.metadata().version())).isTrue();

    String id = v1.metadata().id();
    List<ResourceVersion> entries = store.history().list(id);
    assertThat(entries).extracting(ResourceVersion::event).containsExactly(ChangeEvent.CREATED,
        ChangeEvent.UPDATED, ChangeEvent.STATUS_UPDATED, ChangeEvent.UPDATED,
        ChangeEvent.DELETED);
    assertThat(entries).extracting(ResourceVersion::resourceVersion)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(entries).extracting(ResourceVersion::actor)
        .containsExactly("alice", "alice", "alice", AgentStore.SYSTEM_ACTOR, "alice");
    assertThat(entries).extracting(ResourceVersion::message)
        .containsExactly(null, "relabel", null, null, null);
    String expectedOrg = kind == Kind.ORGANIZATION ? id : org;
    assertThat(entries).allSatisfy(v -> {
      assertThat(v.kind()).isEqualTo(kind);
      assertThat(v.id()).startsWith("ver-");
      assertThat(v.org()).isEqualTo(expectedOrg);
      assertThat(v.createdAt()).isNotNull();
    });
    assertStrictlyIncreasingAndUnique(entries);
    // Each snapshot is the resource as written at that version (DELETED: the last one stored).
    for (int i = 0; i < 4; i++) {
      assertThat(entries.get(i).snapshot().get("metadata").get("version").asLong())
          .isEqualTo(i + 1);
      assertThat(entries.get(i).snapshot().get("kind").asText()).isEqualTo(kind.kindName());
      assertThat(entries.get(i).snapshot().has("spec")).isTrue();
    }
    assertThat(entries.get(1).snapshot().get("metadata").get("labels").get("tier").asText())
        .isEqualTo("gold");
    assertThat(entries.get(4).snapshot().get("metadata").get("version").asLong()).isEqualTo(4);
    // Exactly these five entries for this resource in the feed, the same as in its history.
    assertThat(entriesOf(store, id, mark)).containsExactlyElementsOf(entries);
    assertThat(store.history().get(id, 3)).contains(entries.get(2));
    assertThat(store.history().get(id, 6)).isEmpty();
  }

  @Test
  void appendsRecordOnlyTheAppendedItemsAtTheNewVersion() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    AgentStore bob = store.as("bob").withMessage("step 1");
    long v2 = bob.agentExecutions().appendMessages(e.id(), message("a"), message("b"));
    long v3 = bob.agentExecutions().appendMessages(e.id(), message("c"));
    long v4 = store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("call-1", "ls",
        null));
    long v5 = store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS).metadata()
        .version();

    List<ResourceVersion> entries = store.history().list(e.id());
    assertThat(entries).extracting(ResourceVersion::event).containsExactly(ChangeEvent.CREATED,
        ChangeEvent.APPENDED, ChangeEvent.APPENDED, ChangeEvent.APPENDED,
        ChangeEvent.STATUS_UPDATED);
    assertThat(entries).extracting(ResourceVersion::resourceVersion)
        .containsExactly(1L, v2, v3, v4, v5);
    assertThat(entries.get(1).snapshot().get("messages")).hasSize(2);
    assertThat(entries.get(1).snapshot().get("messages").get(1).get("content").asText())
        .isEqualTo("b");
    assertThat(entries.get(1).actor()).isEqualTo("bob");
    assertThat(entries.get(1).message()).isEqualTo("step 1");
    assertThat(entries.get(2).snapshot().get("messages")).hasSize(1);
    assertThat(entries.get(3).snapshot().get("toolCalls")).hasSize(1);
    assertThat(entries.get(3).snapshot().has("messages")).isFalse();

    WorkflowExecution w = newWorkflowExecution(store, org);
    long t = store.workflowExecutions().upsertTask(w.id(), WorkflowTask.pending("t1", "a", "RUN"));
    ResourceVersion task = store.history().get(w.id(), t).orElseThrow();
    assertThat(task.event()).isEqualTo(ChangeEvent.APPENDED);
    assertThat(task.snapshot().get("tasks")).hasSize(1);
  }

  /** One expected feed entry: which resource, what happened, at which version. */
  private record Expected(String resourceId, ChangeEvent event, long version) {
    static Expected of(ResourceVersion v) {
      return new Expected(v.resourceId(), v.event(), v.resourceVersion());
    }
  }

  /**
   * Every write path, run one after another, appears in the change feed exactly once, in commit
   * order, with its event and version; the paths that change nothing (an unchanged apply, a
   * rolled-back transaction, a refused write) appear not at all. The same entries are in each
   * resource's history.
   */
  @Test
  void everyWritePathAppearsInTheFeedOnceInCommitOrderAndNoOpsNotAtAll() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    WorkflowExecution w = newWorkflowExecution(store, org);
    long mark = head(store);
    List<Expected> expected = new ArrayList<>();
    Set<String> tracked = new HashSet<>(Set.of(e.id(), w.id()));

    Agent applied = store.agents().apply(new Agent(Metadata.of(org, unique("paths")),
        dev.agentstore.model.AgentSpec.builder().description("paths").build(), null));
    tracked.add(applied.id());
    expected.add(new Expected(applied.id(), ChangeEvent.CREATED, 1));
    Agent edited = store.agents().edit(applied.id(),
        a -> a.withMetadata(a.metadata().withLabel("step", "edit")));
    expected.add(new Expected(applied.id(), ChangeEvent.UPDATED, 2));
    assertThat(store.agents().apply(edited).metadata().version()).as("unchanged apply")
        .isEqualTo(2);
    Agent statused = store.agents().editStatus(applied.id(), a -> a.withStatus(
        dev.agentstore.model.AgentStatus.builder().defaultInstanceId(Ids.next(
            Kind.AGENT_INSTANCE)).build()));
    expected.add(new Expected(applied.id(), ChangeEvent.STATUS_UPDATED, 3));
    assertThatThrownBy(() -> store.agents().update(edited)).as("stale version")
        .isInstanceOf(ConflictException.class);

    long m = store.agentExecutions().appendMessages(e.id(), message("one"), message("two"));
    expected.add(new Expected(e.id(), ChangeEvent.APPENDED, m));
    long call = store.agentExecutions().upsertToolCall(e.id(), ToolCall.pending("c1", "ls", null));
    expected.add(new Expected(e.id(), ChangeEvent.APPENDED, call));
    long replaced = store.agentExecutions().upsertToolCall(e.id(),
        ToolCall.pending("c1", "ls -l", null));
    expected.add(new Expected(e.id(), ChangeEvent.APPENDED, replaced));
    long moved = store.agentExecutions().transition(e.id(), ExecutionPhase.IN_PROGRESS)
        .metadata().version();
    expected.add(new Expected(e.id(), ChangeEvent.STATUS_UPDATED, moved));
    long task = store.workflowExecutions().upsertTask(w.id(),
        WorkflowTask.pending("t1", "a", "RUN"));
    expected.add(new Expected(w.id(), ChangeEvent.APPENDED, task));

    Agent inTx = store.inTransaction(tx -> {
      Agent a = tx.agents().create(new Agent(Metadata.of(org, unique("tx")),
          dev.agentstore.model.AgentSpec.builder().description("tx").build(), null));
      tx.agentExecutions().appendMessages(e.id(), message("three"));
      return tx.agents().update(a.withMetadata(a.metadata().withLabel("step", "tx")));
    });
    tracked.add(inTx.id());
    expected.add(new Expected(inTx.id(), ChangeEvent.CREATED, 1));
    expected.add(new Expected(e.id(), ChangeEvent.APPENDED, moved + 1));
    expected.add(new Expected(inTx.id(), ChangeEvent.UPDATED, 2));
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      tx.agentExecutions().appendMessages(e.id(), message("rolled back"));
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(store.agents().delete(applied.id(), statused.metadata().version())).isTrue();
    expected.add(new Expected(applied.id(), ChangeEvent.DELETED, 4)); // a delete is a version too
    assertThat(store.workflowExecutions().delete(w.id())).isTrue();
    expected.add(new Expected(w.id(), ChangeEvent.DELETED, task + 1));

    List<ResourceVersion> feed = changesAfter(store, mark).stream()
        .filter(v -> tracked.contains(v.resourceId())).toList();
    assertThat(feed).extracting(Expected::of).containsExactlyElementsOf(expected);
    assertStrictlyIncreasingAndUnique(feed);
    for (String id : tracked) {
      assertThat(store.history().list(id).stream().filter(v -> v.sequence() > mark))
          .as("history of %s", id)
          .containsExactlyElementsOf(feed.stream().filter(v -> v.resourceId().equals(id))
              .toList());
    }
    assertThat(feed.get(5).snapshot().get("toolCalls").get(0).get("name").asText())
        .as("the replacing upsert's entry holds the new tool call").isEqualTo("ls -l");
  }

  @Test
  void endingOrDeletingAnExecutionRecordsItsContextsDeletion() {
    String org = newOrg().id();
    for (boolean delete : new boolean[] {false, true}) {
      AgentExecution e = newAgentExecution(store, org);
      ExecutionContext ctx = store.executionContexts().create(new ExecutionContext(
          Metadata.of(org, unique("ctx")), ExecutionContextSpec.builder().executionId(e.id())
              .data(Map.of("REGION", ExecutionValue.plain("eu"))).build(), null));
      long mark = head(store);
      if (delete) {
        store.as("carol").agentExecutions().delete(e.id());
      } else {
        store.as("carol").agentExecutions().transition(e.id(), ExecutionPhase.CANCELLED);
      }
      List<ResourceVersion> after = changesAfter(store, mark);
      assertThat(after).extracting(ResourceVersion::resourceId)
          .containsExactlyInAnyOrder(e.id(), ctx.id());
      ResourceVersion ctxGone = after.stream().filter(v -> v.resourceId().equals(ctx.id()))
          .findFirst().orElseThrow();
      assertThat(ctxGone.event()).isEqualTo(ChangeEvent.DELETED);
      assertThat(ctxGone.resourceVersion()).isEqualTo(2);
      assertThat(ctxGone.actor()).isEqualTo("carol");
      ResourceVersion exec = after.stream().filter(v -> v.resourceId().equals(e.id()))
          .findFirst().orElseThrow();
      assertThat(exec.event()).isEqualTo(delete ? ChangeEvent.DELETED
          : ChangeEvent.STATUS_UPDATED);
    }
  }

  @Test
  void writesThatFailOrRollBackLeaveNoEntry() {
    String org = newOrg().id();
    long mark = head(store);
    String[] created = new String[1];
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      Agent a = newAgent(tx, org, unique("doomed"));
      created[0] = a.id();
      tx.agents().update(a);
      assertThat(tx.history().list(a.id())).hasSize(2); // the transaction sees its own entries
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.agents().get(created[0])).isEmpty();
    assertThat(store.history().list(created[0])).isEmpty();
    assertThat(changesAfter(store, mark)).isEmpty();

    Agent a = newAgent(store, org, unique("kept"));
    long afterCreate = head(store);
    assertThatThrownBy(() -> store.agents().update(a.withMetadata(a.metadata().withVersion(7))))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.agents().updateStatus(a.withMetadata(a.metadata()
        .withVersion(0)))).isInstanceOf(InvalidArgumentException.class);
    assertThat(changesAfter(store, afterCreate)).isEmpty();
    assertThat(store.history().list(a.id())).hasSize(1);
  }

  @Test
  void actorAndMessageAreExplicitAndChecked() {
    assertThat(store.actor()).isEqualTo(AgentStore.SYSTEM_ACTOR);
    assertThat(store.message()).isNull();
    AgentStore view = store.as("dave").withMessage("why");
    assertThat(view.actor()).isEqualTo("dave");
    assertThat(view.message()).isEqualTo("why");
    assertThat(view.forOrg(newOrg().id()).message()).isEqualTo("why");
    assertThatThrownBy(() -> store.as(" ")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("actor");
    assertThatThrownBy(() -> store.withMessage(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("message");
    assertThatThrownBy(() -> store.withMessage("x".repeat(4097)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("message");
    assertThatThrownBy(() -> AgentStore.builder().actor(""))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("actor");
  }

  // ------------------------------------------------------------------ reading history

  @Test
  void historyPagesBySequenceWithoutGapsOrRepeats() {
    String org = newOrg().id();
    AgentExecution e = newAgentExecution(store, org);
    for (int i = 0; i < 24; i++) {
      store.agentExecutions().appendMessages(e.id(), message("m" + i));
    }
    List<ResourceVersion> paged = new ArrayList<>();
    long after = 0;
    int pages = 0;
    for (List<ResourceVersion> p = store.history().list(e.id(), after, 10); !p.isEmpty();
        p = store.history().list(e.id(), after, 10)) {
      assertThat(p.size()).isLessThanOrEqualTo(10);
      paged.addAll(p);
      after = p.get(p.size() - 1).sequence();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(paged).hasSize(25).containsExactlyElementsOf(store.history().list(e.id()));
    assertThatThrownBy(() -> store.history().list(e.id(), -1, 10))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("afterSequence");
    assertThatThrownBy(() -> store.history().list(e.id(), 0, 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> store.changes().since(0, 10_001))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
  }

  @Test
  void orgViewsSeeOnlyTheirOrgAndLimitsCountOnlyWhatTheySee() throws Exception {
    String a = newOrg().id();
    String b = newOrg().id();
    long mark = head(store);
    List<String> aAgents = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      aAgents.add(newAgent(store, a, unique("a")).id());
      for (int j = 0; j < 4; j++) {
        newAgent(store, b, unique("b"));
      }
    }
    AgentStore viewA = store.forOrg(a);
    List<ResourceVersion> first = viewA.changes().since(mark, 5);
    assertThat(first).hasSize(5).allMatch(v -> v.org().equals(a))
        .extracting(ResourceVersion::resourceId).containsExactlyElementsOf(aAgents);
    assertThat(viewA.changes().since(first.get(4).sequence(), 5)).isEmpty();
    String bAgent = store.forOrg(b).changes().since(mark, 1).get(0).resourceId();
    assertThat(viewA.history().list(bAgent)).isEmpty();
    assertThat(viewA.history().get(bAgent, 1)).isEmpty();
    assertThatThrownBy(() -> viewA.history().prune(Instant.now()))
        .isInstanceOf(InvalidArgumentException.class);

    List<ResourceVersion> got = new CopyOnWriteArrayList<>();
    try (Subscription s = viewA.changes().subscribe(mark, got::add)) {
      newAgent(store, b, unique("b"));
      String last = newAgent(store, a, unique("a")).id();
      // Changes arrive in order: once a later change of A's is here, B's would have been too.
      String sentinel = newAgent(store, a, unique("sentinel")).id();
      Eventually.until("org A's changes", () -> got.size() >= 7);
      assertThat(got).hasSize(7).allMatch(v -> v.org().equals(a));
      assertThat(got.get(5).resourceId()).isEqualTo(last);
      assertThat(got.get(6).resourceId()).isEqualTo(sentinel);
      assertThat(s.failure()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ prune

  @Test
  void pruneKeepsEveryResourcesLatestEntry() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore store = open(freshLocation().clock(clock));
    String org = newOrg(store).id();
    Agent kept = newAgent(store, org, unique("kept"));
    kept = store.agents().update(kept);
    kept = store.agents().update(kept);
    Agent gone = newAgent(store, org, unique("gone"));
    store.agents().delete(gone.id());
    AgentExecution e = newAgentExecution(store, org);
    long appended = store.agentExecutions().appendMessages(e.id(), message("hi"));
    Agent late = newAgent(store, org, unique("late"));
    clock.advance(Duration.ofSeconds(1));
    Instant cutoff = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    store.agents().update(late);

    assertThat(store.history().prune(Instant.EPOCH)).isZero();
    long total = changesAfter(store, 0).size();
    long pruned = store.history().prune(cutoff);
    assertThat(changesAfter(store, 0)).hasSize((int) (total - pruned));
    assertThat(store.history().list(kept.id())).extracting(ResourceVersion::resourceVersion)
        .containsExactly(3L);
    assertThat(store.history().list(gone.id())).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.DELETED);
    assertThat(store.history().list(e.id())).extracting(ResourceVersion::resourceVersion)
        .containsExactly(appended);
    // Entries after the cutoff stay; the one before it goes only because a newer one exists.
    assertThat(store.history().list(late.id())).extracting(ResourceVersion::resourceVersion)
        .containsExactly(2L);
    // Every resource that ever had history still has its latest entry.
    Set<String> resources = new HashSet<>();
    changesAfter(store, 0).forEach(v -> resources.add(v.resourceId()));
    assertThat(resources).contains(kept.id(), gone.id(), e.id(), late.id(), org);
    assertThat(store.history().prune(clock.instant().plusSeconds(60))).isZero();
    assertThatThrownBy(() -> store.history().prune(null))
        .isInstanceOf(InvalidArgumentException.class);
  }

  // ------------------------------------------------------------------ the change feed

  @Test
  void concurrentWritersProduceAFeedAConcurrentReaderSeesExactlyOnceInOrder() throws Exception {
    String org = newOrg().id();
    long mark = head(store);
    int writers = 8;
    int perWriter = 25;
    Follower reader = new Follower(mark);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            Agent a = newAgent(store, org, unique("w"));
            if (i % 5 == 0) {
              store.agents().update(a);
            }
          }
          return null;
        }));
      }
      start.countDown();
      while (!done.stream().allMatch(Future::isDone)) {
        reader.poll(store, 7);
        Thread.yield();
      }
      for (Future<?> f : done) {
        f.get(WAIT_MS, TimeUnit.MILLISECONDS);
      }
      reader.seen.addAll(changesAfter(store, reader.last));
    } finally {
      pool.shutdownNow();
    }
    int writes = writers * (perWriter + perWriter / 5);
    assertStrictlyIncreasingAndUnique(reader.seen);
    assertThat(reader.seen).hasSize(writes).containsExactlyElementsOf(changesAfter(store, mark));
  }

  @Test
  void aTransactionThatWroteFirstButCommitsLastIsNeverSkipped() throws Exception {
    String org = newOrg().id();
    long mark = head(store);
    CountDownLatch aWrote = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    String[] ids = new String[2];
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> a = pool.submit(() -> store.inTransaction(tx -> {
        ids[0] = newAgent(tx, org, unique("first")).id();
        // Reading its own history makes A insert its history row now rather than at commit, so
        // A holds a sequence number below B's for as long as it stays open.
        assertThat(tx.history().list(ids[0])).hasSize(1);
        aWrote.countDown();
        try {
          releaseA.await(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      }));
      assertThat(aWrote.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
      // B starts after A wrote; a backend with concurrent writers commits B first, SQLite makes
      // B wait for A's write lock. Either way the reader below must end with both, in order.
      Future<?> b = pool.submit(() -> ids[1] = newAgent(store, org, unique("second")).id());
      try {
        b.get(300, TimeUnit.MILLISECONDS); // commits now where writers run concurrently
      } catch (java.util.concurrent.TimeoutException waitsForA) {
        // one writer at a time: B commits after A
      }
      Follower reader = new Follower(mark);
      // A reader that skipped A's open sequence number would read B alone here and move past A.
      Future<?> polls = pool.submit(() -> {
        for (int i = 0; i < 20; i++) {
          reader.poll(store, 10);
        }
        return null;
      });
      try {
        polls.get(300, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException waitsForA) {
        // a backend may hold feed reads until A ends
      }
      releaseA.countDown();
      a.get(WAIT_MS, TimeUnit.MILLISECONDS);
      b.get(WAIT_MS, TimeUnit.MILLISECONDS);
      polls.get(WAIT_MS, TimeUnit.MILLISECONDS);
      reader.poll(store, 10); // both have committed: whatever was not read yet is here
      assertStrictlyIncreasingAndUnique(reader.seen);
      assertThat(reader.seen).extracting(ResourceVersion::resourceId)
          .containsExactlyInAnyOrder(ids[0], ids[1]);
      assertThat(reader.seen).containsExactlyElementsOf(changesAfter(store, mark));
    } finally {
      releaseA.countDown();
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ commit callbacks

  /**
   * Whether the backend runs its {@link Backend#onCommittedChanges} callbacks after its own
   * commits (what wakes a subscription before its next poll). A backend that only polls keeps
   * the default, {@code false}, and skips the check of them.
   */
  protected boolean runsCommitCallbacks() {
    return false;
  }

  @Test
  void commitCallbacksRunAfterEachCommitThatWroteHistoryEvenPastOneThatThrows() throws Exception {
    Assumptions.assumeTrue(runsCommitCallbacks(),
        "skipped: the backend runs no commit callbacks");
    Backend backend = backendOf(store);
    AtomicInteger calls = new AtomicInteger();
    // The SPI asks callbacks not to throw; one that does must neither fail the committed write
    // nor keep the callbacks after it from running.
    backend.onCommittedChanges(() -> {
      throw new IllegalStateException("a careless callback");
    });
    backend.onCommittedChanges(calls::incrementAndGet);

    String org = newOrg().id();
    Eventually.until("a callback after a create", () -> calls.get() >= 1);
    int afterCreate = calls.get();
    Agent agent = newAgent(store, org, unique("agent"));
    Eventually.until("a callback after a second create", () -> calls.get() > afterCreate);
    int afterSecond = calls.get();
    store.inTransaction(tx -> tx.agents().update(agent.withMetadata(agent.metadata()
        .withLabel("step", "tx"))));
    Eventually.until("a callback after a caller's transaction", () -> calls.get() > afterSecond);
    assertThat(store.history().list(agent.id())).hasSize(2);
  }

  @Test
  void sinceAndSubscribeRejectBadArguments() {
    assertThatThrownBy(() -> store.changes().since(-1, 10))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("afterSequence");
    assertThatThrownBy(() -> store.changes().subscribe(0, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("listener");
    assertThatThrownBy(() -> store.changes().subscribe(-1, change -> { }))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("afterSequence");
  }

  // ------------------------------------------------------------------ subscribe

  @Test
  void subscribeDeliversEveryChangeOnceInOrderToASlowListenerOnItsOwnThread() throws Exception {
    String org = newOrg().id();
    long mark = head(store);
    List<ResourceVersion> got = Collections.synchronizedList(new ArrayList<>());
    Set<Thread> threads = Collections.synchronizedSet(new HashSet<>());
    Thread caller = Thread.currentThread();
    int writers = 4;
    int perWriter = 15;
    try (Subscription s = store.changes().subscribe(mark, change -> {
      threads.add(Thread.currentThread());
      Thread.sleep(3); // slower than the writers
      got.add(change);
    })) {
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < perWriter; i++) {
              newAgent(store, org, unique("s"));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(changesAfter(store, mark)).hasSize(writers * perWriter);
      // A duplicate or a skip shows before a change written after all of them arrives.
      newAgent(store, org, unique("sentinel"));
      List<ResourceVersion> expected = changesAfter(store, mark);
      Eventually.until("all changes delivered", () -> got.size() >= expected.size());
      assertThat(got).containsExactlyElementsOf(expected);
      assertThat(s.lastSequence()).isEqualTo(expected.get(expected.size() - 1).sequence());
      assertThat(s.isActive()).isTrue();
      assertThat(threads).hasSize(1).doesNotContain(caller);
    }
  }

  @Test
  void aFailingListenerStopsTheSubscriptionAndResubscribingRetriesThatChange() throws Exception {
    String org = newOrg().id();
    long mark = head(store);
    for (int i = 0; i < 4; i++) {
      newAgent(store, org, unique("f"));
    }
    List<ResourceVersion> expected = changesAfter(store, mark);
    List<ResourceVersion> got = new CopyOnWriteArrayList<>();
    Subscription s = store.changes().subscribe(mark, change -> {
      if (got.size() == 2) {
        throw new IllegalStateException("listener broke");
      }
      got.add(change);
    });
    Eventually.until("the subscription to stop", () -> !s.isActive());
    assertThat(s.failure()).get().isInstanceOf(IllegalStateException.class);
    assertThat(s.lastSequence()).isEqualTo(expected.get(1).sequence());
    try (Subscription again = store.changes().subscribe(s.lastSequence(), got::add)) {
      Eventually.until("the rest", () -> got.size() == 4);
      assertThat(got).containsExactlyElementsOf(expected);
      assertThat(again.failure()).isEmpty();
    }
    s.close(); // closing a stopped subscription is harmless
  }

  @Test
  void subscriptionsResumeFromTheLastSequenceAfterARestart() throws Exception {
    String org = newOrg().id();
    List<ResourceVersion> got = new CopyOnWriteArrayList<>();
    Subscription s = store.changes().subscribe(0, got::add);
    for (int i = 0; i < 5; i++) {
      newAgent(store, org, unique("r"));
    }
    long before = head(store);
    Eventually.until("changes before the restart", () -> !got.isEmpty()
        && got.get(got.size() - 1).sequence() == before);
    long saved = s.lastSequence();
    store.close(); // closes the subscription with the store
    assertThat(s.isActive()).isFalse();
    assertThat(s.failure()).isEmpty();
    int deliveredBefore = got.size();

    AgentStore reopened = open(location);
    for (int i = 0; i < 5; i++) {
      newAgent(reopened, org, unique("r"));
    }
    try (Subscription resumed = reopened.changes().subscribe(saved, got::add)) {
      newAgent(reopened, org, unique("sentinel")); // a duplicate would arrive before this one
      List<ResourceVersion> expected = changesAfter(reopened, 0);
      Eventually.until("changes after the restart", () -> got.size() >= expected.size());
      assertThat(got).hasSize(expected.size()).containsExactlyElementsOf(expected);
      assertThat(got.size() - deliveredBefore).isEqualTo(6);
      assertThat(resumed.lastSequence()).isGreaterThan(saved);
    }
  }

  // ------------------------------------------------------------------ secrets

  @Test
  void snapshotsNeverHoldSecretPlaintext() {
    String org = newOrg().id();
    String marker = "tck-plaintext-" + UUID.randomUUID();
    Environment env = store.environments().create(new Environment(Metadata.of(org,
        unique("env")), EnvironmentSpec.builder().description("prod").data(Map.of("REGION",
        EnvironmentValue.plain("plain-" + marker))).build(), null));
    // Plain values are history like anything else: the scan below can find what it looks for.
    assertThat(store.history().list(env.id()).get(0).snapshot().toString())
        .contains("plain-" + marker);

    List<Runnable> secretWrites = List.of(
        () -> store.environments().create(new Environment(Metadata.of(org, unique("env")),
            EnvironmentSpec.builder().description("prod").data(Map.of("TOKEN", EnvironmentValue
                .secret(marker))).build(),
            null)),
        () -> store.environments().update(new Environment(env.metadata(),
            EnvironmentSpec.builder().description("prod").data(Map.of("TOKEN", EnvironmentValue
                .secret(marker))).build(),
            null)),
        () -> {
          AgentExecution e = newAgentExecution(store, org);
          store.executionContexts().create(new ExecutionContext(Metadata.of(org,
              unique("ctx")), ExecutionContextSpec.builder().executionId(e.id()).data(Map
                  .of("KEY", ExecutionValue.secret(marker))).build(), null));
        });
    for (Runnable write : secretWrites) {
      try {
        write.run();
      } catch (SecretsException refused) {
        // A store without a secret key refuses secrets: also fine, as long as none leaks.
      }
    }
    for (ResourceVersion v : changesAfter(store, 0)) {
      String json = v.snapshot().toString().replace("plain-" + marker, "");
      assertThat(json).as("snapshot %s of %s", v.id(), v.resourceId()).doesNotContain(marker);
    }
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * The write paths the kind-parameterized case does not take, on a declared kind: edit,
   * editStatus, a committed and a rolled-back transaction, deleteWhere, and an unchanged apply
   * and a refused write (no entry): each write in the feed once, in commit order.
   */
  @Test
  void aDeclaredKindsEveryWritePathIsInTheFeedOnceAndNoOpsNotAtAll() {
    String org = newOrg().id();
    long mark = head(store);
    var widgets = widgets(store);
    var w = newWidget(store, org, unique("hist"), "red", 1, "1");
    widgets.edit(w.id(), cur -> cur.withSpec(cur.spec().deepCopy().put("size", 2)));
    widgets.editStatus(w.id(), cur -> cur.withStatus(com.fasterxml.jackson.databind.node
        .JsonNodeFactory.instance.objectNode().put("state", "edited")));
    var current = widgets.get(w.id()).orElseThrow();
    assertThat(widgets.apply(current).metadata().version()).isEqualTo(3);
    assertThatThrownBy(() -> widgets.update(current.withSpec(current.spec().deepCopy()
        .put("color", "purple")))).isInstanceOf(dev.agentstore.InvalidArgumentException.class);
    String[] inTx = new String[1];
    store.runInTransaction(tx -> inTx[0] = newWidget(tx, org, unique("tx"), "blue", 5, "1").id());
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      newWidget(tx, org, unique("gone"), "blue", 6, "1");
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);
    widgets.deleteWhere(dev.agentstore.Query.builder().org(org).where("spec.color", "blue").build());
    List<ResourceVersion> feed = changesAfter(store, mark);
    assertThat(feed).extracting(ResourceVersion::event).containsExactly(ChangeEvent.CREATED,
        ChangeEvent.UPDATED, ChangeEvent.STATUS_UPDATED, ChangeEvent.CREATED,
        ChangeEvent.DELETED);
    assertThat(feed).extracting(ResourceVersion::resourceId)
        .containsExactly(w.id(), w.id(), w.id(), inTx[0], inTx[0]);
    assertThat(feed).allSatisfy(v -> assertThat(v.kind()).isEqualTo(Samples.WIDGET_KIND));
    assertThat(feed.get(1).snapshot().at("/spec/size").asInt()).isEqualTo(2);
    assertThat(feed.get(2).snapshot().at("/status/state").asText()).isEqualTo("edited");
    assertStrictlyIncreasingAndUnique(feed);
  }
}
