package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.Claim;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Lease;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Query;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.WorkflowExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Work claiming with leases: {@code claim} hands each matching resource to one claimer until its
 * lease expires or is released, however many claimers run at once; {@code renew} and
 * {@code release} act only for the holder; a lease is no part of the resource (no version, no
 * history).
 *
 * <p>Usage: {@code class LocalClaimTest extends ClaimTck { ... newStoreBuilder() ... }}
 */
public abstract class ClaimTck extends TckSupport {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private List<Agent> agents(AgentStore s, String org, String batch, int n) {
    List<Agent> out = new ArrayList<>();
    s.inTransaction(tx -> {
      for (int i = 0; i < n; i++) {
        out.add(tx.agents().create(new Agent(Metadata.of(org, unique("claim"))
            .withLabel("batch", batch), AgentSpec.builder().description("queued")
            .instructions("Work.").mcpServers(List.of()).skillRefs(List.of())
            .subAgents(List.of()).build(), null)));
      }
      return null;
    });
    return out;
  }

  private static Query batch(String batch) {
    return Query.builder().labelSelector("batch=" + batch).build();
  }

  private static List<String> ids(List<Claim<Agent>> claims) {
    return claims.stream().map(c -> c.resource().id()).toList();
  }

  @Test
  void claimHandsOutUnleasedMatchesInTheQuerysOrderUpToMax() {
    MutableClock clock = new MutableClock(START);
    AgentStore s = open(freshLocation().clock(clock));
    String org = newOrg(s).id();
    List<Agent> queued = agents(s, org, "q", 5);
    agents(s, org, "other", 2);

    List<Claim<Agent>> first = s.agents().claim(batch("q"), "worker-1", MINUTE, 3);
    List<Claim<Agent>> second = s.agents().claim(batch("q"), "worker-2", MINUTE, 10);
    List<Claim<Agent>> third = s.agents().claim(batch("q"), "worker-3", MINUTE, 10);

    List<String> order = queued.stream().map(Agent::id).toList();
    assertThat(ids(first)).as("oldest first, as list orders them").isEqualTo(order.subList(0, 3));
    assertThat(ids(second)).isEqualTo(order.subList(3, 5));
    assertThat(third).as("everything is leased").isEmpty();
    Claim<Agent> c = first.get(0);
    assertThat(c.resource()).isEqualTo(queued.get(0));
    assertThat(c.lease()).isEqualTo(new Lease(queued.get(0).id(), "worker-1", START,
        START.plus(MINUTE)));
    assertThat(s.agents().lease(queued.get(0).id())).contains(c.lease());
    assertThat(s.agents().lease(queued.get(4).id()).map(Lease::owner)).contains("worker-2");
    assertThat(s.agents().claim(Query.builder().labelSelector("batch=q")
        .orderBy(Query.OrderBy.CREATED_AT, true).build(), "worker-3", MINUTE, 10)).isEmpty();
  }

  @Test
  void claimFollowsTheQuerysFiltersAndNewestFirstOrder() {
    String org = newOrg().id();
    WorkflowExecution a = newWorkflowExecution(store, org);
    WorkflowExecution b = newWorkflowExecution(store, org);
    WorkflowExecution running = newWorkflowExecution(store, org);
    store.workflowExecutions().transition(running.id(), ExecutionPhase.IN_PROGRESS);
    Query pendingNewestFirst = Query.builder().phase(ExecutionPhase.PENDING)
        .orderBy(Query.OrderBy.CREATED_AT, true).build();

    List<Claim<WorkflowExecution>> got = store.forOrg(org).workflowExecutions()
        .claim(pendingNewestFirst, "scheduler", MINUTE, 10);

    assertThat(got).extracting(cl -> cl.resource().id()).containsExactly(b.id(), a.id());
    assertThat(got.get(0).resource().status()).isEqualTo(b.status());
  }

  @Test
  void anExpiredLeaseIsClaimableAgainAndItsFormerHolderCannotRenewIt() {
    MutableClock clock = new MutableClock(START);
    AgentStore s = open(freshLocation().clock(clock));
    String org = newOrg(s).id();
    Agent job = agents(s, org, "exp", 1).get(0);
    assertThat(ids(s.agents().claim(batch("exp"), "worker-1", Duration.ofSeconds(30), 1)))
        .containsExactly(job.id());

    clock.advance(Duration.ofSeconds(29));
    assertThat(s.agents().claim(batch("exp"), "worker-2", MINUTE, 1)).as("still held").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(s.agents().lease(job.id())).as("expired exactly at expiresAt").isEmpty();
    List<Claim<Agent>> retaken = s.agents().claim(batch("exp"), "worker-2", MINUTE, 1);

    assertThat(ids(retaken)).containsExactly(job.id());
    assertThat(retaken.get(0).lease().claimedAt()).isEqualTo(START.plusSeconds(30));
    assertThat(s.agents().lease(job.id()).map(Lease::owner)).contains("worker-2");
    assertThatThrownBy(() -> s.agents().renew(job.id(), "worker-1", MINUTE))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(job.id()).hasMessageContaining("worker-1");
    assertThat(s.agents().release(job.id(), "worker-1")).as("not worker-1's to release").isFalse();
    assertThat(s.agents().lease(job.id()).map(Lease::owner)).contains("worker-2");
  }

  @Test
  void renewExtendsTheHoldersLeaseAndReleaseFreesTheResourceAtOnce() {
    MutableClock clock = new MutableClock(START);
    AgentStore s = open(freshLocation().clock(clock));
    String org = newOrg(s).id();
    Agent job = agents(s, org, "renew", 1).get(0);
    s.agents().claim(batch("renew"), "worker-1", Duration.ofSeconds(30), 1);

    clock.advance(Duration.ofSeconds(20));
    Lease renewed = s.agents().renew(job.id(), "worker-1", Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(20)); // past the first expiry, within the renewed one

    assertThat(renewed).isEqualTo(new Lease(job.id(), "worker-1", START,
        START.plusSeconds(50)));
    assertThat(s.agents().lease(job.id())).contains(renewed);
    assertThat(s.agents().claim(batch("renew"), "worker-2", MINUTE, 1)).isEmpty();
    assertThatThrownBy(() -> s.agents().renew(job.id(), "worker-2", MINUTE))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(s.agents().release(job.id(), "worker-2")).isFalse();
    assertThat(s.agents().release(job.id(), "worker-1")).isTrue();
    assertThat(s.agents().release(job.id(), "worker-1")).as("already released").isFalse();
    assertThat(s.agents().lease(job.id())).isEmpty();
    assertThat(ids(s.agents().claim(batch("renew"), "worker-2", MINUTE, 1)))
        .containsExactly(job.id());
  }

  @Test
  void aLeaseIsNoPartOfTheResourceNoVersionNoHistory() {
    String org = newOrg().id();
    Agent job = agents(store, org, "quiet", 1).get(0);
    long head = HistoryTck.head(store);

    store.agents().claim(batch("quiet"), "worker-1", MINUTE, 1);
    store.agents().renew(job.id(), "worker-1", MINUTE);
    store.agents().release(job.id(), "worker-1");

    assertThat(store.agents().get(job.id())).contains(job);
    assertThat(HistoryTck.head(store)).as("no history entry").isEqualTo(head);
    Agent updated = store.agents().update(job.withMetadata(job.metadata().withLabel("x", "y")));
    store.agents().claim(batch("quiet"), "worker-1", MINUTE, 1);
    assertThat(store.agents().update(updated.withMetadata(updated.metadata()
        .withLabel("x", "z"))).metadata().version())
        .as("a lease does not stop writers").isEqualTo(updated.metadata().version() + 1);
  }

  @Test
  void aTenantViewClaimsAndSeesOnlyItsOwnOrgsResources() {
    String mine = newOrg().id();
    String theirs = newOrg().id();
    Agent own = agents(store, mine, "tenant", 1).get(0);
    Agent foreign = agents(store, theirs, "tenant", 1).get(0);

    List<Claim<Agent>> got = store.forOrg(mine).agents().claim(batch("tenant"), "w", MINUTE, 10);

    assertThat(ids(got)).containsExactly(own.id());
    assertThatThrownBy(() -> store.forOrg(mine).agents().lease(foreign.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.forOrg(mine).agents().renew(foreign.id(), "w", MINUTE))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.forOrg(mine).agents().release(foreign.id(), "w"))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.agents().lease(foreign.id())).as("untouched").isEmpty();
  }

  @Test
  void aDeletedResourceTakesItsLeaseWithIt() {
    String org = newOrg().id();
    Agent job = agents(store, org, "gone", 1).get(0);
    store.agents().claim(batch("gone"), "worker-1", MINUTE, 1);

    assertThat(store.agents().delete(job.id())).isTrue();

    assertThatThrownBy(() -> store.agents().lease(job.id())).isInstanceOf(NotFoundException.class);
    assertThat(store.agents().claim(batch("gone"), "worker-1", MINUTE, 1)).isEmpty();
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsLeased() {
    String org = newOrg().id();
    Agent job = agents(store, org, "bad", 1).get(0);
    Query q = batch("bad");

    assertThatThrownBy(() -> store.agents().claim(null, "w", MINUTE, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("query");
    for (String owner : new String[] {null, "", "  ", "x".repeat(201)}) {
      assertThatThrownBy(() -> store.agents().claim(q, owner, MINUTE, 1))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("owner");
    }
    for (Duration lease : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1),
        Duration.ofDays(1).plusNanos(1000)}) {
      assertThatThrownBy(() -> store.agents().claim(q, "w", lease, 1))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("lease");
    }
    for (int max : new int[] {0, -1, Query.MAX_PAGE_SIZE + 1}) {
      assertThatThrownBy(() -> store.agents().claim(q, "w", MINUTE, max))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("max");
    }
    assertThatThrownBy(() -> store.agents().renew(job.id(), "w", Duration.ZERO))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.agents().renew("skl-doesnotexist", "w", MINUTE))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.agents().renew(job.id(), "w", MINUTE))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(store.agents().lease(job.id())).as("nothing leased").isEmpty();
    assertThat(store.agents().claim(q, "w", Duration.ofDays(1), 1)).hasSize(1);
  }

  /**
   * Eight claimers, half through a second handle on the same database (as a second process
   * would be), drain the due resources: each is handed out exactly once. 2,000 of them by
   * default, to keep the suite's time; {@code -Dagentstore.tck.claimItems=10000} runs the
   * 10,000 of the issue that asked for it.
   */
  @Test
  void concurrentClaimersReceiveEachResourceExactlyOnce() throws Exception {
    int total = Integer.getInteger("agentstore.tck.claimItems", 2_000);
    String org = newOrg().id();
    for (int made = 0; made < total; made += 1000) {
      agents(store, org, "due", Math.min(1000, total - made));
    }
    AgentStore second = open(location);
    Map<String, String> holder = new ConcurrentHashMap<>();
    AtomicInteger duplicates = new AtomicInteger();

    Concurrently.run(8, thread -> {
      AgentStore s = thread % 2 == 0 ? store : second;
      int emptyInARow = 0;
      while (emptyInARow < 2) { // a round may find every candidate locked by the others
        List<Claim<Agent>> got = s.agents().claim(batch("due"), "worker-" + thread,
            Duration.ofMinutes(10), 100);
        emptyInARow = got.isEmpty() ? emptyInARow + 1 : 0;
        for (Claim<Agent> c : got) {
          if (holder.putIfAbsent(c.resource().id(), c.lease().owner()) != null) {
            duplicates.incrementAndGet();
          }
        }
      }
    });

    assertThat(duplicates.get()).as("resources handed out twice").isZero();
    assertThat(holder).hasSize(total);
    assertThat(Set.copyOf(holder.values())).as("the work was shared").hasSizeGreaterThan(1);
    assertThat(store.agents().claim(batch("due"), "late", MINUTE, 10)).isEmpty();
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * Claims on a declared kind follow a filter and an order on its declared fields; renew and
   * release act for the holder only; a lease changes no version.
   */
  @Test
  void aDeclaredKindIsClaimedByItsDeclaredFieldsOrderAndLeasedLikeAnyKind() {
    MutableClock clock = new MutableClock(START);
    AgentStore s = open(freshLocation().clock(clock));
    String org = newOrg(s).id();
    Map<Long, String> bySize = new java.util.HashMap<>();
    for (long size : new long[] {5, 3, 1, 4, 2}) {
      bySize.put(size, newWidget(s, org, unique("job"), "red", size, "1").id());
    }
    String blue = newWidget(s, org, unique("other"), "blue", 0, "1").id();
    Query smallestRed = Query.builder().where("spec.color", "red").orderBy("spec.size", false)
        .build();
    var repo = widgets(s);
    var first = repo.claim(smallestRed, "worker-1", MINUTE, 2);
    var second = repo.claim(smallestRed, "worker-2", MINUTE, 10);
    assertThat(first).extracting(c -> c.resource().id())
        .containsExactly(bySize.get(1L), bySize.get(2L));
    assertThat(second).extracting(c -> c.resource().id())
        .containsExactly(bySize.get(3L), bySize.get(4L), bySize.get(5L));
    assertThat(repo.claim(smallestRed, "worker-3", MINUTE, 10)).isEmpty();
    assertThat(repo.lease(blue)).isEmpty();

    String held = bySize.get(1L);
    clock.advance(Duration.ofSeconds(30));
    assertThat(repo.renew(held, "worker-1", MINUTE).expiresAt())
        .isEqualTo(START.plusSeconds(90));
    assertThatThrownBy(() -> repo.renew(held, "worker-2", MINUTE))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(held);
    assertThat(repo.release(held, "worker-2")).isFalse();
    assertThat(repo.release(held, "worker-1")).isTrue();
    assertThat(repo.claim(smallestRed, "worker-3", MINUTE, 10)).extracting(c -> c.resource().id())
        .containsExactly(held);
    assertThat(repo.get(held).orElseThrow().metadata().version()).isEqualTo(1);
    assertThat(s.history().list(held)).hasSize(1);
  }
}
