package dev.agentstore.langchain4j.agentic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Query;
import dev.agentstore.integration.Conversations;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.Session;
import dev.agentstore.postgres.IntegrationStores;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.internal.AgenticScopeOwner;
import dev.langchain4j.agentic.scope.AgentInvocation;
import dev.langchain4j.agentic.scope.AgenticScope;
import dev.langchain4j.agentic.scope.AgenticScopeAccess;
import dev.langchain4j.agentic.scope.AgenticScopeKey;
import dev.langchain4j.agentic.scope.AgenticScopePersister;
import dev.langchain4j.agentic.scope.AgenticScopeRegistry;
import dev.langchain4j.agentic.scope.AgenticScopeSerializer;
import dev.langchain4j.agentic.scope.AgenticScopeStore;
import dev.langchain4j.agentic.scope.DefaultAgenticScope;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.V;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AgenticScopeStore cases, run on SQLite (Local...) and PostgreSQL (Postgres...). */
abstract class AgenticScopeStoreContract {
  /** A new, empty store location (see {@link IntegrationStores}). */
  protected abstract String newLocation();

  private String location;
  private AgentStore store;
  private String org;
  private AgentStoreAgenticScopeStore scopes;

  @BeforeEach
  void open() {
    location = newLocation();
    store = IntegrationStores.open(location);
    org = IntegrationStores.newOrg(store);
    scopes = new AgentStoreAgenticScopeStore(store, org);
  }

  @AfterEach
  void close() {
    AgenticScopePersister.setStore(null);
    store.close();
  }

  /** The agent type recorded in the test's agent invocations. */
  interface Writer {}

  /** A scope made the way LangChain4j makes one, persisted through {@code into}. */
  private static DefaultAgenticScope scope(AgenticScopeStore into, String agentId, Object memoryId) {
    AgenticScopePersister.setStore(into);
    return new AgenticScopeRegistry(agentId).create(memoryId);
  }

  private static String json(DefaultAgenticScope scope) {
    return AgenticScopeSerializer.toJson(scope);
  }

  @Test
  void roundTripsStateAgentInvocationsAndMemoryIdAsTheFrameworkWritesThem() {
    AgenticScopeRegistry registry;
    AgenticScopePersister.setStore(scopes);
    registry = new AgenticScopeRegistry("planner");
    DefaultAgenticScope scope = registry.create("user-1");
    scope.writeState("topic", "snow");
    scope.writeState("count", 3L);
    scope.writeState("tags", List.of("cold", "white"));
    scope.writeState("scores", new TreeMap<>(Map.of("a", 1.5, "b", 2.25)));
    scope.registerAgentInvocation(new AgentInvocation(Writer.class, "writer", "writer-1",
        Map.of("topic", "snow"), "a poem about snow"), new Object());
    scope.rootCallEnded(registry, null); // the framework's flush: registry.update -> save

    try (AgentStore second = IntegrationStores.open(location)) {
      DefaultAgenticScope loaded = new AgentStoreAgenticScopeStore(second, org)
          .load(new AgenticScopeKey("planner", "user-1")).orElseThrow();
      assertThat(loaded.memoryId()).isEqualTo("user-1");
      assertThat(loaded.readState("topic")).isEqualTo("snow");
      assertThat(loaded.readState("count")).isEqualTo(3L);
      assertThat(loaded.readState("tags")).isEqualTo(List.of("cold", "white"));
      assertThat(loaded.readState("scores")).isEqualTo(Map.of("a", 1.5, "b", 2.25));
      assertThat(loaded.agentInvocations()).containsExactly(new AgentInvocation(Writer.class,
          "writer", "writer-1", Map.of("topic", "snow"), "a poem about snow"));
      // exactly what LangChain4j's own serializer gives back (it reads List.of as an ArrayList)
      assertThat(json(loaded)).isEqualTo(json(AgenticScopeSerializer.fromJson(json(scope))));
    }
  }

  @Test
  void storesOneLabelledSessionAndExecutionHoldingTheFrameworksJson() {
    DefaultAgenticScope scope = scope(scopes, "planner", "user-1");
    scope.writeState("topic", "snow");
    scopes.save(new AgenticScopeKey("planner", "user-1"), scope);

    String slug = new Conversations("lc4j-as").slug(
        AgentStoreAgenticScopeStore.key(new AgenticScopeKey("planner", "user-1")));
    Session session = store.sessions().getBySlug(org, slug).orElseThrow();
    assertThat(session.metadata().labels()).containsEntry(AgentStoreAgenticScopeStore.LABEL,
        AgentStoreAgenticScopeStore.LABEL_VALUE);
    assertThat(session.spec().unknownFields().get("langchain4j").get("agentId").asText())
        .isEqualTo("planner");
    AgentExecution execution = store.agentExecutions().getBySlug(org, slug).orElseThrow();
    assertThat(execution.spec().sessionId()).isEqualTo(session.id());
    assertThat(execution.status().unknownFields().get("langchain4j").get("scope").asText())
        .isEqualTo(json(scope));
    assertThat(store.sessions().count(Query.all())).isEqualTo(1);
  }

  @Test
  void memoryIdsAreCanonicalisedByTheirStringFormAndKeysAreIsolated() {
    DefaultAgenticScope fortyTwo = scope(scopes, "a", 42);
    fortyTwo.writeState("n", "forty-two");
    scopes.save(new AgenticScopeKey("a", 42), fortyTwo);
    DefaultAgenticScope otherAgent = scope(scopes, "b", 42);
    otherAgent.writeState("n", "other agent");
    scopes.save(new AgenticScopeKey("b", 42), otherAgent);

    assertThat(scopes.load(new AgenticScopeKey("a", "42")).orElseThrow().readState("n"))
        .isEqualTo("forty-two");
    assertThat(scopes.load(new AgenticScopeKey("a", 42L)).orElseThrow().readState("n"))
        .isEqualTo("forty-two");
    assertThat(scopes.load(new AgenticScopeKey("b", 42)).orElseThrow().readState("n"))
        .isEqualTo("other agent");
    // the memory ids come back typed, as first saved
    assertThat(scopes.getAllKeys()).containsExactlyInAnyOrder(new AgenticScopeKey("a", 42),
        new AgenticScopeKey("b", 42));
    assertThat(AgentStoreAgenticScopeStore.key(new AgenticScopeKey("a", 42)))
        .isEqualTo("[\"a\",\"42\"]");
  }

  @Test
  void deleteRemovesOneScopeAndLeavesTheOthers() {
    AgenticScopeKey a = new AgenticScopeKey("agent", "a");
    AgenticScopeKey b = new AgenticScopeKey("agent", "b");
    scopes.save(a, scope(scopes, "agent", "a"));
    scopes.save(b, scope(scopes, "agent", "b"));

    assertThat(scopes.delete(a)).isTrue();
    assertThat(scopes.delete(a)).isFalse();
    assertThat(scopes.delete(new AgenticScopeKey("agent", "never-saved"))).isFalse();

    assertThat(scopes.load(a)).isEmpty();
    assertThat(scopes.load(b)).isPresent();
    assertThat(scopes.getAllKeys()).containsExactly(b);
    assertThat(store.sessions().count(Query.all())).isEqualTo(1);
    assertThat(store.agentExecutions().count(Query.all())).isEqualTo(1);
  }

  @Test
  void anUnknownScopeIsEmptyAndReadingItCreatesNothing() {
    assertThat(scopes.load(new AgenticScopeKey("agent", "nobody"))).isEmpty();
    assertThat(scopes.getAllKeys()).isEmpty();
    assertThat(store.sessions().count(Query.all())).isZero();
  }

  @Test
  void badInputIsATypedErrorAndChangesNothing() {
    AgenticScopeKey kept = new AgenticScopeKey("agent", "kept");
    DefaultAgenticScope scope = scope(scopes, "agent", "kept");
    String before = json(scopes.load(kept).orElseThrow());

    assertThatThrownBy(() -> scopes.save(null, scope))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> scopes.save(new AgenticScopeKey(null, "x"), scope))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key.agentId");
    assertThatThrownBy(() -> scopes.save(new AgenticScopeKey("agent", null), scope))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key.memoryId");
    assertThatThrownBy(() -> scopes.save(kept, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("agenticScope");
    assertThatThrownBy(() -> scopes.load(new AgenticScopeKey("agent", null)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key.memoryId");
    assertThatThrownBy(() -> scopes.delete(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> new AgentStoreAgenticScopeStore(store, " "))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("org");

    assertThat(json(scopes.load(kept).orElseThrow())).isEqualTo(before);
    assertThat(scopes.getAllKeys()).containsExactly(kept);
  }

  // ------------------------------------------------------------------ ServiceLoader

  @Test
  void langChain4jFindsItThroughServiceLoader() {
    List<AgenticScopeStore> found = new ArrayList<>();
    ServiceLoader.load(AgenticScopeStore.class).forEach(found::add);
    assertThat(found).hasAtLeastOneElementOfType(AgentStoreAgenticScopeStore.class);
  }

  @Test
  void theServiceLoaderInstanceOpensTheConfiguredStoreAndMakesItsOrg() {
    Map<String, String> settings = Map.of(AgentStoreAgenticScopeStore.URI_PROPERTY, location,
        AgentStoreAgenticScopeStore.ORG_PROPERTY, "agents");
    AgenticScopeKey key = new AgenticScopeKey("agent", "u");
    try (AgentStoreAgenticScopeStore loaded = new AgentStoreAgenticScopeStore(settings::get)) {
      DefaultAgenticScope scope = scope(loaded, "agent", "u");
      scope.writeState("x", "y");
      loaded.save(key, scope);
      assertThat(loaded.load(key).orElseThrow().readState("x")).isEqualTo("y");
    }
    String agents = store.organizations().getBySlug(null, "agents").orElseThrow().id();
    assertThat(new AgentStoreAgenticScopeStore(store, agents).getAllKeys()).containsExactly(key);
    assertThat(scopes.getAllKeys()).isEmpty();
  }

  @Test
  void anUnconfiguredServiceLoaderInstanceSaysWhatToSet() {
    AgentStoreAgenticScopeStore unconfigured = new AgentStoreAgenticScopeStore(name -> null);
    assertThatThrownBy(() -> unconfigured.load(new AgenticScopeKey("agent", "u")))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(AgentStoreAgenticScopeStore.URI_PROPERTY);
  }

  // ------------------------------------------------------------------ concurrency

  private static void concurrently(int threads, java.util.function.IntConsumer work)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        Callable<Void> task = () -> {
          start.await();
          work.accept(n);
          return null;
        };
        done.add(pool.submit(task));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sixteenThreadsSavingDifferentKeysLoseNothing() throws Exception {
    AgenticScopePersister.setStore(scopes);
    AgenticScopeRegistry registry = new AgenticScopeRegistry("agent");
    concurrently(16, i -> {
      DefaultAgenticScope scope = registry.create("m-" + i); // itself a save
      scope.writeState("i", (long) i);
      scopes.save(new AgenticScopeKey("agent", "m-" + i), scope);
    });

    Set<AgenticScopeKey> expected = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      AgenticScopeKey key = new AgenticScopeKey("agent", "m-" + i);
      expected.add(key);
      assertThat(scopes.load(key).orElseThrow().readState("i")).isEqualTo((long) i);
    }
    assertThat(scopes.getAllKeys()).isEqualTo(expected);
  }

  @Test
  void sixteenThreadsWritingIntoOneScopeAndSavingItLoseNothing() throws Exception {
    AgenticScopeKey key = new AgenticScopeKey("agent", "shared");
    DefaultAgenticScope shared = scope(scopes, "agent", "shared");
    concurrently(16, i -> {
      shared.writeState("t" + i, (long) i);
      scopes.save(key, shared);
    });

    DefaultAgenticScope loaded = scopes.load(key).orElseThrow();
    for (int i = 0; i < 16; i++) {
      assertThat(loaded.readState("t" + i)).as("t" + i).isEqualTo((long) i);
    }
  }

  @Test
  void sixteenThreadsSavingTheirOwnScopesToOneKeyLeaveOneOfThemWhole() throws Exception {
    AgenticScopeKey key = new AgenticScopeKey("agent", "contended");
    List<DefaultAgenticScope> own = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      DefaultAgenticScope s = AgenticScopeSerializer.fromJson(json(scope(scopes, "agent",
          "contended")));
      for (int j = 0; j < 8; j++) {
        s.writeState("k" + j, i + "-" + j);
      }
      own.add(s);
    }
    concurrently(16, i -> scopes.save(key, own.get(i)));

    String stored = json(scopes.load(key).orElseThrow());
    assertThat(own.stream().map(AgenticScopeStoreContract::json).toList()).contains(stored);
    assertThat(scopes.getAllKeys()).containsExactly(key);
  }

  // ------------------------------------------------------------------ differential

  /** A workflow of two agent actions, no model: it counts its runs and logs its inputs. */
  public interface Journal extends AgenticScopeAccess {
    @Agent
    String record(@MemoryId String journal, @V("input") String input);
  }

  private static Journal journal() {
    AgenticServices.AgenticScopeAction log = AgenticServices.agentAction(scope -> {
      long runs = scope.readState("runs", 0L) + 1;
      List<String> entries = new ArrayList<>(scope.readState("entries", List.<String>of()));
      entries.add((String) scope.readState("input"));
      scope.writeState("runs", runs);
      scope.writeState("entries", entries);
    });
    AgenticServices.AgenticScopeAction summary = AgenticServices.agentAction(scope ->
        scope.writeState("summary", "run " + scope.readState("runs") + ": "
            + String.join(", ", scope.readState("entries", List.<String>of()))));
    return AgenticServices.sequenceBuilder(Journal.class).subAgents(log, summary)
        .outputKey("summary").build();
  }

  /**
   * What a caller of the journal sees over a scenario: each call's result and, after each, the
   * scopes' state and invocation count; {@code restart} drops the in-memory scopes between
   * calls (a process restart), so they come back from the store only.
   */
  private static List<Object> scenario(boolean restart) {
    Journal journal = journal();
    AgenticScopeRegistry registry = ((AgenticScopeOwner) journal).registry();
    List<Object> seen = new ArrayList<>();
    String[][] calls = {{"j1", "snow"}, {"j1", "rain"}, {"j2", "sun"}, {"j1", "fog"}, {"j2", "wind"}};
    for (String[] call : calls) {
      if (restart) {
        registry.clearInMemory();
      }
      seen.add(journal.record(call[0], call[1]));
      if (restart) {
        registry.clearInMemory();
      }
      for (String id : List.of("j1", "j2")) {
        AgenticScope scope = journal.getAgenticScope(id);
        seen.add(scope == null ? null : new TreeMap<>(scope.state()));
        seen.add(scope == null ? null : scope.agentInvocations().size());
      }
    }
    seen.add(journal.evictAgenticScope("j1"));
    seen.add(journal.evictAgenticScope("j1"));
    seen.add(journal.getAgenticScope("j1") == null);
    seen.add(journal.getAgenticScope("j2") != null);
    return seen;
  }

  /**
   * The same scenario through LangChain4j's own in-memory scopes (no store) and through this
   * store with the in-memory scopes dropped around every call: identical results.
   */
  @Test
  void differentialAgainstTheFrameworksInMemoryScopes() {
    AgenticScopePersister.setStore(null);
    List<Object> expected = scenario(false);
    AgenticScopePersister.setStore(scopes);
    List<Object> actual = scenario(true);

    assertThat(actual).isEqualTo(expected);
    assertThat(expected.get(0)).isEqualTo("run 1: snow");
    assertThat(scopes.getAllKeys()).extracting(AgenticScopeKey::memoryId).containsExactly("j2");
  }
}
