package dev.agentstore.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.session.EventFilter;
import org.springframework.ai.session.InMemorySessionRepository;
import org.springframework.ai.session.Session;
import org.springframework.ai.session.SessionEvent;
import org.springframework.ai.session.SessionRepository;

/**
 * The {@link SessionRepository} contract, as its Javadoc states it, written for this project
 * (spring-ai-session 0.6.0 publishes no contract test jar and its repository has no
 * AbstractSessionRepositoryContractTests): sessions, user scoping, expiry, the event log
 * (order, idempotent append, version, filters, paging) and compare-and-swap compaction; plus a
 * differential run beside the project's own InMemorySessionRepository.
 */
abstract class SessionRepositoryContract extends StoreFixture {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

  SessionRepository repo() {
    return new AgentStoreSessionRepository(store, org);
  }

  static Session session(String id, String user, Instant expires) {
    return Session.builder().id(id).userId(user).createdAt(T0).expiresAt(expires)
        .metadata(Map.of("topic", "billing", "priority", 2)).build();
  }

  static SessionEvent event(String session, String id, int second, Message m) {
    return SessionEvent.builder().id(id).sessionId(session).timestamp(T0.plusSeconds(second))
        .message(m).metadata(Map.of("seq", second)).build();
  }

  @Test
  void savedSessionsRoundTripAndSavingAgainKeepsTheLog() {
    SessionRepository r = repo();
    Session s = session("s-1", "alice", T0.plusSeconds(3600));
    assertThat(r.save(s)).isSameAs(s);
    Session read = r.findById("s-1");
    assertThat(read.id()).isEqualTo("s-1");
    assertThat(read.userId()).isEqualTo("alice");
    assertThat(read.createdAt()).isEqualTo(T0);
    assertThat(read.expiresAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(read.metadata()).isEqualTo(Map.of("topic", "billing", "priority", 2));
    r.appendEvent(event("s-1", "e1", 1, new UserMessage("hi")));
    r.save(Session.builder().id("s-1").userId("alice").createdAt(T0)
        .expiresAt(T0.plusSeconds(7200)).metadata(Map.of("topic", "refund")).build());
    assertThat(r.findById("s-1").metadata()).isEqualTo(Map.of("topic", "refund"));
    assertThat(r.findById("s-1").expiresAt()).isEqualTo(T0.plusSeconds(7200));
    assertThat(r.findEvents("s-1", EventFilter.all())).extracting(SessionEvent::getId)
        .containsExactly("e1");
    assertThat(r.getEventVersion("s-1")).isEqualTo(1);
    assertThat(r.findById("nope")).isNull();
    assertThatThrownBy(() -> r.findById("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void usersExpiryAndDelete() {
    SessionRepository r = repo();
    r.save(session("a1", "alice", T0.plusSeconds(10)));
    r.save(session("a2", "alice", T0.plusSeconds(1000)));
    r.save(session("b1", "bob", null));
    assertThat(r.findByUserId("alice")).extracting(Session::id)
        .containsExactlyInAnyOrder("a1", "a2");
    assertThat(r.findByUserId("bob")).extracting(Session::id).containsExactly("b1");
    assertThat(r.findByUserId("carol")).isEmpty();
    assertThat(r.findExpiredSessionIds(T0.plusSeconds(100))).containsExactly("a1");
    assertThat(r.findExpiredSessionIds(T0.plusSeconds(10))).isEmpty();
    r.appendEvent(event("a1", "e1", 1, new UserMessage("x")));
    r.delete("a1");
    r.delete("never");
    assertThat(r.findById("a1")).isNull();
    assertThat(r.findEvents("a1", EventFilter.all())).isEmpty();
    assertThat(r.getEventVersion("a1")).isZero();
    assertThat(r.findByUserId("alice")).extracting(Session::id).containsExactly("a2");
  }

  @Test
  void appendsAreOrderedVersionedAndIdempotentById() {
    SessionRepository r = repo();
    assertThatThrownBy(() -> r.appendEvent(event("ghost", "e", 0, new UserMessage("x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
    r.save(session("s", "u", null));
    assertThat(r.getEventVersion("s")).isZero();
    AssistantMessage withTools = AssistantMessage.builder().content("calling")
        .toolCalls(List.of(new AssistantMessage.ToolCall("c1", "function", "f", "{}")))
        .build();
    r.appendEvent(event("s", "e1", 1, new UserMessage("one")));
    r.appendEvent(event("s", "e2", 2, withTools));
    r.appendEvent(event("s", "e1", 9, new UserMessage("duplicate id")));
    r.appendEvent(SessionEvent.builder().id("e3").sessionId("s").timestamp(T0.plusSeconds(3))
        .message(new UserMessage("branched")).branch("root.child").build());
    assertThat(r.getEventVersion("s")).isEqualTo(3);
    List<SessionEvent> events = r.findEvents("s", EventFilter.all());
    assertThat(events).extracting(SessionEvent::getId).containsExactly("e1", "e2", "e3");
    assertThat(events.get(0).getMessage().getText()).isEqualTo("one");
    assertThat(events.get(0).getTimestamp()).isEqualTo(T0.plusSeconds(1));
    assertThat(events.get(0).getMetadata()).isEqualTo(Map.of("seq", 1));
    assertThat(events.get(1).hasToolCalls()).isTrue();
    assertThat(((AssistantMessage) events.get(1).getMessage()).getToolCalls())
        .isEqualTo(withTools.getToolCalls());
    assertThat(events.get(2).getBranch()).isEqualTo("root.child");
    assertThat(r.findEvents("ghost", EventFilter.all())).isEmpty();
  }

  @Test
  void filtersWindowsAndPages() {
    SessionRepository r = repo();
    r.save(session("s", "u", null));
    for (int i = 0; i < 7; i++) {
      Message m = i % 2 == 0 ? new UserMessage("u" + i) : new AssistantMessage("a" + i);
      r.appendEvent(event("s", "e" + i, i, m));
    }
    assertThat(r.findEvents("s", EventFilter.lastN(3))).extracting(SessionEvent::getId)
        .containsExactly("e4", "e5", "e6");
    assertThat(r.findEvents("s", EventFilter.builder().messageTypes(Set.of(MessageType.USER))
        .build())).extracting(SessionEvent::getId).containsExactly("e0", "e2", "e4", "e6");
    assertThat(r.findEvents("s", EventFilter.builder().from(T0.plusSeconds(2))
        .to(T0.plusSeconds(4)).build())).extracting(SessionEvent::getId)
        .contains("e2", "e3").doesNotContain("e0", "e1", "e5", "e6");
    assertThat(r.findEvents("s", EventFilter.builder().page(1).pageSize(3).build()))
        .extracting(SessionEvent::getId).containsExactly("e3", "e4", "e5");
    assertThat(r.findEvents("s", EventFilter.builder().page(5).pageSize(3).build())).isEmpty();
    assertThat(r.findEvents("s", EventFilter.keywordSearch("a5")))
        .extracting(SessionEvent::getId).containsExactly("e5");
  }

  @Test
  void compactionIsACompareAndSwapOnTheEventVersion() {
    SessionRepository r = repo();
    assertThatThrownBy(() -> r.compactEvents("ghost", List.of(), List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    r.save(session("s", "u", null));
    List<SessionEvent> first = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SessionEvent e = event("s", "e" + i, i, new UserMessage("m" + i));
      first.add(e);
      r.appendEvent(e);
    }
    long v = r.getEventVersion("s");
    assertThat(v).isEqualTo(4);
    SessionEvent summary = SessionEvent.builder().id("sum-1").sessionId("s")
        .timestamp(T0.plusSeconds(10)).message(new UserMessage("summary of e0 e1"))
        .metadata(SessionEvent.METADATA_SYNTHETIC, true).build();
    assertThat(r.compactEvents("s", first.subList(0, 2), List.of(summary, first.get(2),
        first.get(3)), v - 1)).as("stale version").isFalse();
    assertThat(r.getEventVersion("s")).isEqualTo(v);
    assertThat(r.compactEvents("s", first.subList(0, 2), List.of(summary, first.get(2),
        first.get(3)), v)).isTrue();
    assertThat(r.getEventVersion("s")).isEqualTo(v + 1);
    List<SessionEvent> all = r.findEvents("s", EventFilter.all());
    assertThat(all).extracting(SessionEvent::getId)
        .containsExactly("e0", "e1", "sum-1", "e2", "e3");
    assertThat(all).extracting(SessionEvent::isArchived)
        .containsExactly(true, true, false, false, false);
    assertThat(r.findEvents("s", EventFilter.active())).extracting(SessionEvent::getId)
        .containsExactly("sum-1", "e2", "e3");
    assertThat(r.findEvents("s", EventFilter.realOnly())).extracting(SessionEvent::getId)
        .doesNotContain("sum-1");
    // a second compaction: earlier archived events stay, the superseded summary goes
    SessionEvent summary2 = SessionEvent.builder().id("sum-2").sessionId("s")
        .timestamp(T0.plusSeconds(11)).message(new UserMessage("summary 2"))
        .metadata(SessionEvent.METADATA_SYNTHETIC, true).build();
    assertThat(r.compactEvents("s", List.of(first.get(2)), List.of(summary2, first.get(3)),
        v + 1)).isTrue();
    assertThat(r.findEvents("s", EventFilter.all())).extracting(SessionEvent::getId)
        .containsExactly("e0", "e1", "e2", "sum-2", "e3");
  }

  @Test
  void tenantsSeeOnlyTheirSessions() {
    SessionRepository mine = repo();
    SessionRepository theirs = new AgentStoreSessionRepository(store, newOrg());
    mine.save(session("s", "alice", T0));
    assertThat(theirs.findById("s")).isNull();
    assertThat(theirs.findByUserId("alice")).isEmpty();
    assertThat(theirs.findExpiredSessionIds(T0.plusSeconds(1))).isEmpty();
    assertThatThrownBy(() -> theirs.appendEvent(event("s", "e", 0, new UserMessage("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(mine.findExpiredSessionIds(T0.plusSeconds(1))).containsExactly("s");
  }

  /** The project's InMemorySessionRepository and ours: one scenario, the same answers. */
  @Test
  void behavesLikeTheInMemoryRepository() {
    SessionRepository reference = InMemorySessionRepository.builder().build();
    SessionRepository ours = repo();
    List<List<Object>> answers = new ArrayList<>();
    for (SessionRepository r : List.of(reference, ours)) {
      List<Object> out = new ArrayList<>();
      r.save(session("x", "alice", T0.plusSeconds(5)));
      r.save(session("y", "alice", null));
      r.save(session("z", "bob", T0.plusSeconds(50)));
      for (int i = 0; i < 6; i++) {
        r.appendEvent(event("x", "x" + i, i, i % 2 == 0 ? new UserMessage("q" + i)
            : new AssistantMessage("a" + i)));
      }
      long v = r.getEventVersion("x");
      List<SessionEvent> log = r.findEvents("x", EventFilter.all());
      out.add(r.compactEvents("x", log.subList(0, 3), log.subList(3, 6), v));
      out.add(r.compactEvents("x", log.subList(3, 4), log.subList(4, 6), v));
      out.add(r.getEventVersion("x"));
      out.add(ids(r.findEvents("x", EventFilter.all())));
      out.add(r.findEvents("x", EventFilter.all()).stream().map(SessionEvent::isArchived)
          .toList());
      out.add(ids(r.findEvents("x", EventFilter.active())));
      out.add(ids(r.findEvents("x", EventFilter.lastN(2))));
      out.add(r.findEvents("x", EventFilter.all()).stream().map(e -> e.getMessage().getText())
          .toList());
      out.add(new HashSet<>(r.findByUserId("alice").stream().map(Session::id).toList()));
      out.add(new HashSet<>(r.findExpiredSessionIds(T0.plusSeconds(60))));
      r.delete("z");
      out.add(r.findById("z") == null);
      out.add(r.getEventVersion("y"));
      answers.add(out);
    }
    assertThat(answers.get(1)).isEqualTo(answers.get(0));
  }

  private static List<String> ids(List<SessionEvent> events) {
    return events.stream().map(SessionEvent::getId).toList();
  }

  /** Concurrent appenders of distinct events to one session: every event, one version each. */
  @Test
  void concurrentAppendsLoseNothing() throws Exception {
    SessionRepository r = repo();
    r.save(session("s", "u", null));
    int threads = 4;
    int each = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int me = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            r.appendEvent(event("s", me + "-" + i, i, new UserMessage(me + ":" + i)));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> got = ids(r.findEvents("s", EventFilter.all()));
    assertThat(got).hasSize(threads * each).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t++) {
      String prefix = t + "-";
      assertThat(got.stream().filter(id -> id.startsWith(prefix)).toList())
          .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);
    }
    assertThat(r.getEventVersion("s")).isEqualTo(threads * each);
  }
}
