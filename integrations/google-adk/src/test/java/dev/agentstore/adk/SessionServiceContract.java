package dev.agentstore.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.InMemorySessionService;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionNotFoundException;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Query;
import dev.agentstore.ResourceJson;
import dev.agentstore.postgres.IntegrationStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BaseSessionService cases, run on SQLite (Local...) and PostgreSQL (Postgres...). */
abstract class SessionServiceContract {
  protected abstract String newLocation();

  private String location;
  private AgentStore store;
  private String org;
  private AgentStoreSessionService sessions;

  @BeforeEach
  void open() {
    location = newLocation();
    store = IntegrationStores.open(location);
    org = IntegrationStores.newOrg(store);
    sessions = new AgentStoreSessionService(store, org);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static long clock = 1_700_000_000_000L;

  private static Event event(String author, String text, Map<String, Object> delta) {
    EventActions actions = EventActions.builder().stateDelta(new ConcurrentHashMap<>(delta)).build();
    return Event.builder().id("e-" + clock).invocationId("inv-1").author(author)
        .content(Content.fromParts(Part.fromText(text))).actions(actions)
        .timestamp(clock += 1000).build();
  }

  /** What a caller can observe of a session: ids, state and the events as ADK's JSON. */
  private static Map<String, Object> observed(Session s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("app", s.appName());
    out.put("user", s.userId());
    out.put("state", new TreeMap<>(s.state()));
    List<JsonNode> events = new ArrayList<>();
    s.events().forEach(e -> events.add(AdkJson.event(e)));
    out.put("events", events);
    return out;
  }

  private static Map<String, Object> observed(Optional<Session> s) {
    return s.map(SessionServiceContract::observed).orElse(Map.of("absent", true));
  }

  /** One scenario: sessions of two users of one app, every tier of state, reads with limits. */
  private static List<Object> scenario(BaseSessionService service) {
    List<Object> seen = new ArrayList<>();
    Session a = service.createSession("app", "alice", Map.of("topic", "billing"), "s-1")
        .blockingGet();
    seen.add(observed(a));
    service.appendEvent(a, event("user", "hello", Map.of("turns", 1, "app:greeting", "hi",
        "user:lang", "en"))).blockingGet();
    service.appendEvent(a, event("agent", "hi there", Map.of("turns", 2, "nested",
        Map.of("k", List.of(1, 2, 3))))).blockingGet();
    service.appendEvent(a, event("user", "bye", Map.of("turns", 3, "user:lang", "fr")))
        .blockingGet();
    seen.add(observed(a));
    seen.add(observed(Optional.ofNullable(
        service.getSession("app", "alice", "s-1", Optional.empty()).blockingGet())));
    seen.add(observed(Optional.ofNullable(service.getSession("app", "alice", "s-1",
        Optional.of(GetSessionConfig.builder().numRecentEvents(2).build())).blockingGet())));
    seen.add(observed(Optional.ofNullable(service.getSession("app", "alice", "s-1",
        Optional.of(GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(clock - 1000))
            .build())).blockingGet())));
    seen.add(observed(Optional.ofNullable(service.getSession("app", "alice", "s-1",
        Optional.of(GetSessionConfig.builder().numRecentEvents(0).build())).blockingGet())));
    // a second session of alice sees her user state and the app state; bob the app state only
    Session a2 = service.createSession("app", "alice", Map.of(), "s-2").blockingGet();
    seen.add(observed(a2));
    Session b = service.createSession("app", "bob", null, "s-1").blockingGet();
    seen.add(observed(b));
    service.appendEvent(b, event("user", "yo", Map.of("app:greeting", "hey"))).blockingGet();
    Map<String, Object> removal = new HashMap<>();
    removal.put("topic", State.REMOVED);
    service.appendEvent(a, event("agent", "cleared", removal)).blockingGet();
    seen.add(observed(Optional.ofNullable(
        service.getSession("app", "alice", "s-1", Optional.empty()).blockingGet())));
    seen.add(observed(Optional.ofNullable(
        service.getSession("app", "bob", "s-1", Optional.empty()).blockingGet())));
    seen.add(observed(Optional.ofNullable(
        service.getSession("app", "carol", "s-1", Optional.empty()).blockingGet())));
    Map<String, Object> listed = new TreeMap<>();
    service.listSessions("app", "alice").blockingGet().sessions()
        .forEach(s -> listed.put(s.id(), observed(s)));
    seen.add(listed);
    seen.add(service.listSessions("app", "nobody").blockingGet().sessions().size());
    List<JsonNode> events = new ArrayList<>();
    service.listEvents("app", "alice", "s-1").blockingGet().events()
        .forEach(e -> events.add(AdkJson.event(e)));
    seen.add(events);
    service.deleteSession("app", "alice", "s-1").blockingAwait();
    service.deleteSession("app", "alice", "never").blockingAwait();
    seen.add(observed(Optional.ofNullable(
        service.getSession("app", "alice", "s-1", Optional.empty()).blockingGet())));
    seen.add(service.listSessions("app", "alice").blockingGet().sessionIds());
    seen.add(service.listEvents("app", "alice", "s-1").blockingGet().events().size());
    return seen;
  }

  @Test
  void differentialAgainstInMemorySessionService() {
    long start = clock;
    List<Object> expected = scenario(new InMemorySessionService());
    clock = start;
    List<Object> actual = scenario(sessions);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("step %d", i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void tempKeysAreNeverStored() {
    Session s = sessions.createSession("app", "u", Map.of("temp:draft", "x", "kept", 1), "s")
        .blockingGet();
    Event e = event("agent", "thinking", Map.of("temp:scratch", "y", "answer", 42));
    sessions.appendEvent(s, e).blockingGet();

    Session read = sessions.getSession("app", "u", "s", Optional.empty()).blockingGet();
    assertThat(read.state()).containsOnlyKeys("kept", "answer");
    assertThat(read.events().get(0).actions().stateDelta()).containsOnlyKeys("answer");
    assertThat(s.state()).doesNotContainKeys("temp:scratch", "temp:draft");
    String everything = store.sessions().stream(Query.all()).map(ResourceJson::write).toList()
        + "" + store.agentExecutions().stream(Query.all()).map(ResourceJson::write).toList();
    assertThat(everything).doesNotContain("temp:").contains("answer");
  }

  @Test
  void aStaleSessionIsRefusedAndChangesNothing() {
    sessions.createSession("app", "u", Map.of(), "s").blockingGet();
    Session first = sessions.getSession("app", "u", "s", Optional.empty()).blockingGet();
    Session second = sessions.getSession("app", "u", "s", Optional.empty()).blockingGet();
    sessions.appendEvent(first, event("user", "one", Map.of("n", 1))).blockingGet();

    assertThatThrownBy(() -> sessions.appendEvent(second, event("user", "two", Map.of("n", 2)))
        .blockingGet()).isInstanceOf(ConflictException.class)
        .satisfies(e -> assertThat(((ConflictException) e).expectedVersion())
            .isLessThan(((ConflictException) e).actualVersion()));

    Session now = sessions.getSession("app", "u", "s", Optional.empty()).blockingGet();
    assertThat(now.events()).hasSize(1);
    assertThat(now.state()).containsEntry("n", 1);
    assertThat(second.events()).isEmpty();
    // re-read and retry: accepted
    sessions.appendEvent(now, event("user", "two", Map.of("n", 2))).blockingGet();
    assertThat(sessions.getSession("app", "u", "s", Optional.empty()).blockingGet().state())
        .containsEntry("n", 2);
    // the caller's object followed its own append, so it may append again
    sessions.appendEvent(now, event("user", "three", Map.of("n", 3))).blockingGet();
    assertThat(now.events()).hasSize(3);
  }

  @Test
  void anotherProcessSharesSessionsAndTiers() {
    Session s = sessions.createSession("app", "u", Map.of(), "s").blockingGet();
    sessions.appendEvent(s, event("user", "hi", Map.of("app:v", 1, "user:w", 2, "x", 3)))
        .blockingGet();
    try (AgentStore second = IntegrationStores.open(location)) {
      AgentStoreSessionService other = new AgentStoreSessionService(second, org);
      Session read = other.getSession("app", "u", "s", Optional.empty()).blockingGet();
      assertThat(read.state()).containsOnly(Map.entry("app:v", 1), Map.entry("user:w", 2),
          Map.entry("x", 3));
      assertThat(read.events()).hasSize(1);
      Session fresh = other.createSession("app", "u", Map.of(), "s2").blockingGet();
      assertThat(fresh.state()).containsOnly(Map.entry("app:v", 1), Map.entry("user:w", 2));
      other.appendEvent(read, event("agent", "ok", Map.of("x", 4))).blockingGet();
    }
    // this service's object is now stale: the other process appended
    assertThatThrownBy(() -> sessions.appendEvent(s, event("user", "late", Map.of())).blockingGet())
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void badInputIsATypedErrorAndChangesNothing() {
    Session s = sessions.createSession("app", "u", Map.of(), "s").blockingGet();
    assertThatThrownBy(() -> sessions.createSession(null, "u", Map.of(), "x").blockingGet())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("appName");
    assertThatThrownBy(() -> sessions.createSession("app", null, Map.of(), "x").blockingGet())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("userId");
    assertThatThrownBy(() -> sessions.getSession("app", "u", null, Optional.empty()).blockingGet())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sessionId");
    assertThatThrownBy(() -> sessions.createSession("app", "u", Map.of("k", 1), "s").blockingGet())
        .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("s");
    assertThatThrownBy(() -> sessions.appendEvent(s, null).blockingGet())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("event");
    Session ghost = Session.builder("ghost").appName("app").userId("u").state(new ConcurrentHashMap<>())
        .events(new ArrayList<>()).lastUpdateTime(Instant.now()).build();
    assertThatThrownBy(() -> sessions.appendEvent(ghost, event("user", "x", Map.of())).blockingGet())
        .isInstanceOf(SessionNotFoundException.class);
    assertThatThrownBy(() -> new AgentStoreSessionService(store, ""))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("org");

    assertThat(sessions.listSessions("app", "u").blockingGet().sessionIds()).containsExactly("s");
    assertThat(sessions.getSession("app", "u", "s", Optional.empty()).blockingGet().state()).isEmpty();
  }

  @Test
  void aPartialEventIsNotStored() {
    Session s = sessions.createSession("app", "u", Map.of(), "s").blockingGet();
    Event partial = event("agent", "stream", Map.of("k", 1));
    partial.setPartial(true);
    assertThat(sessions.appendEvent(s, partial).blockingGet()).isSameAs(partial);
    assertThat(sessions.getSession("app", "u", "s", Optional.empty()).blockingGet().events()).isEmpty();
  }

  @Test
  void nothingRunsUntilSubscribed() {
    sessions.createSession("app", "u", Map.of(), "lazy");
    assertThat(sessions.getSession("app", "u", "lazy", Optional.empty()).blockingGet()).isNull();
  }

  /**
   * Sixteen writers append to one session, each re-reading after a stale refusal; a reader
   * checks all along that every event it sees came with its state delta.
   */
  @Test
  void sixteenConcurrentWritersLoseNothingAndNeverShowAPartialState() throws Exception {
    sessions.createSession("app", "u", Map.of("count", 0), "hot").blockingGet();
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> torn = new AtomicReference<>();
    try {
      Future<Integer> reader = pool.submit(() -> {
        start.await();
        int reads = 0;
        while (!done.get()) {
          Session s = sessions.getSession("app", "u", "hot", Optional.empty()).blockingGet();
          int count = ((Number) s.state().get("count")).intValue();
          if (count != s.events().size()) {
            torn.set("count " + count + " with " + s.events().size() + " events");
          }
          reads++;
        }
        return reads;
      });
      List<Future<?>> all = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        all.add(pool.submit(() -> {
          start.await();
          while (true) {
            Session s = sessions.getSession("app", "u", "hot", Optional.empty()).blockingGet();
            int count = ((Number) s.state().get("count")).intValue();
            try {
              sessions.appendEvent(s, event("agent", "w" + writer,
                  Map.of("count", count + 1, "by", writer))).blockingGet();
              return null;
            } catch (ConflictException stale) {
              // re-read and try again
            }
          }
        }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get(120, TimeUnit.SECONDS);
      }
      done.set(true);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      pool.shutdownNow();
    }
    Session end = sessions.getSession("app", "u", "hot", Optional.empty()).blockingGet();
    assertThat(torn.get()).isNull();
    assertThat(end.state()).containsEntry("count", writers);
    assertThat(end.events()).hasSize(writers);
    assertThat(end.events()).extracting(e -> e.actions().stateDelta().get("by"))
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, writers).boxed().toList());
  }
}
