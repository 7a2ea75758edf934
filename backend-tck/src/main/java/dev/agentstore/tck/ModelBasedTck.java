package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.tck.internal.ContractModel;
import dev.agentstore.tck.internal.ContractModel.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The model-based, differential suite: random sequences of operations (creates with colliding
 * slugs, versioned and stale updates and deletes, reads through the wrong org, phase moves legal
 * and illegal, appends, rolled-back and committed transactions) run against a small in-memory
 * model of the contract ({@link ContractModel}) and against the backend. After every operation
 * the two must agree on the outcome (the result, or the type of the error), and after every
 * sequence on every resource, version, count, history entry and the order of the change feed. A
 * difference fails with the shortest sequence that still shows it (found by removing operations
 * one at a time) and its seed, so it can be replayed.
 *
 * <p>The budget is {@code -Dagentstore.tck.modelSequences=N} sequences (default 20) of
 * {@code -Dagentstore.tck.modelSteps=M} operations (default 40), from the fixed seed
 * {@code -Dagentstore.tck.modelSeed} (default 20261201): the same run every time, and a larger
 * one in the mutation profile.
 *
 * <p>Usage: {@code class LocalModelBasedTest extends ModelBasedTck { ...newStoreBuilder()... }}
 */
public abstract class ModelBasedTck extends TckSupport {
  private static final int SEQUENCES = Integer.getInteger("agentstore.tck.modelSequences", 20);
  private static final int STEPS = Integer.getInteger("agentstore.tck.modelSteps", 40);
  private static final long SEED = Long.getLong("agentstore.tck.modelSeed", 20261201L);

  @Test
  void randomOperationSequencesMatchTheReferenceModel() {
    check(SEQUENCES, false);
  }

  /**
   * The same contract with the resource operations on the TCK's declared kind (its own table,
   * key columns and unique key) instead of agents; a quarter of the sequences, other seeds.
   */
  @Test
  void randomOperationSequencesOnADeclaredKindMatchTheReferenceModel() {
    check(Math.max(1, SEQUENCES / 4), true);
  }

  private void check(int sequences, boolean declared) {
    for (int i = 0; i < sequences; i++) {
      long seed = SEED + i + (declared ? 1_000_000 : 0);
      List<Op> ops = ContractModel.generate(new Random(seed), STEPS);
      Optional<String> difference = run(ops, declared);
      if (difference.isPresent()) {
        List<Op> shortest = shrink(ops, declared);
        throw new AssertionError("the backend differs from the contract model (seed " + seed
            + "); shortest sequence that shows it:\n  " + String.join("\n  ",
            shortest.stream().map(Op::toString).toList()) + "\ndifference: "
            + run(shortest, declared).orElse(difference.get()) + (declared
            ? " (on " + Samples.WIDGET_KIND + ")" : ""));
      }
    }
  }

  /** Runs {@code ops} on a fresh store and on a fresh model; the first difference, if any. */
  private Optional<String> run(List<Op> ops, boolean declared) {
    AgentStore s = open(freshLocation());
    try {
      return (declared ? new ContractModel(s, this::fixture, Samples.WIDGET,
          Samples.widgetSpec(null, null).without(List.of("code")))
          : new ContractModel(s, this::fixture)).check(ops);
    } finally {
      s.close();
    }
  }

  /** Removes operations one at a time for as long as the sequence still shows a difference. */
  private List<Op> shrink(List<Op> failing, boolean declared) {
    List<Op> current = new ArrayList<>(failing);
    boolean removed = true;
    while (removed) {
      removed = false;
      for (int i = current.size() - 1; i >= 0; i--) {
        List<Op> shorter = new ArrayList<>(current);
        shorter.remove(i);
        if (run(shorter, declared).isPresent()) {
          current = shorter;
          removed = true;
        }
      }
    }
    return current;
  }

  /** The fixture every sequence starts from: two orgs, each with one session for executions. */
  private ContractModel.Fixture fixture(AgentStore s) {
    List<String> orgs = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < ContractModel.ORGS; i++) {
      String org = newOrg(s).id();
      var session = newSession(s, org);
      orgs.add(org);
      sessions.add(session.id());
      agents.add(s.agentInstances().get(session.spec().agentInstanceId()).orElseThrow().spec()
          .agentId());
    }
    return new ContractModel.Fixture(orgs, sessions, agents);
  }

  // ------------------------------------------------------------- linearizability

  @Test
  void concurrentVersionedUpdatesOfOneResourceAreLinearizable() throws Exception {
    String org = newOrg().id();
    Agent agent = newAgent(store, org, unique("contended"));
    int threads = 6;
    int perThread = 15;
    List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(threads, thread -> {
      for (int i = 0; i < perThread; i++) {
        long invoked = System.nanoTime();
        Agent seen = store.agents().get(agent.id()).orElseThrow();
        long read = System.nanoTime();
        calls.add(new Call(false, invoked, read, seen.metadata().version(), true));
        long expected = seen.metadata().version();
        long before = System.nanoTime();
        try {
          Agent written = store.agents().update(seen.withSpec(seen.spec()
              .withDescription("t" + thread + "-" + i)));
          calls.add(new Call(true, before, System.nanoTime(), written.metadata().version(),
              true));
          assertThat(written.metadata().version()).isEqualTo(expected + 1);
        } catch (dev.agentstore.ConflictException lost) {
          calls.add(new Call(true, before, System.nanoTime(), expected, false));
        }
      }
    });
    List<Call> writes = calls.stream().filter(c -> c.write && c.ok).toList();
    long last = store.agents().get(agent.id()).orElseThrow().metadata().version();
    // Every successful write made exactly one version: 2, 3, ... with none twice or missing.
    assertThat(writes).extracting(Call::version).doesNotHaveDuplicates().hasSize((int) last - 1);
    assertThat(store.history().list(agent.id())).extracting(ResourceVersion::resourceVersion)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed()
            .toList());
    // Real-time order: an operation that ended before another began is ordered before it, so a
    // later read never sees an older version than an earlier acknowledged write made.
    List<Call> byEnd = new ArrayList<>(calls.stream().filter(c -> c.ok).toList());
    byEnd.sort((a, b) -> Long.compare(a.end, b.end));
    for (Call c : calls) {
      if (!c.ok) {
        continue;
      }
      for (Call earlier : byEnd) {
        if (earlier.end >= c.start) {
          break;
        }
        if (earlier.write) {
          assertThat(c.version).as("%s after the write %s completed", c, earlier)
              .isGreaterThanOrEqualTo(earlier.version + (c.write ? 1 : 0));
        }
      }
    }
    // A write refused as a conflict had a stale version: a write that began before it ended
    // had already made a newer one.
    for (Call c : calls) {
      if (c.write && !c.ok) {
        assertThat(writes).as("a successful write that made %s stale", c)
            .anyMatch(w -> w.version == c.version + 1 && w.start < c.end);
      }
    }
    assertThat(writes).as("some writes succeed under contention").isNotEmpty();
  }

  /** One read or write as a client saw it: when it started and ended, and the version seen. */
  private record Call(boolean write, long start, long end, long version, boolean ok) {}
}
