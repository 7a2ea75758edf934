package dev.agentstore.spring.ai;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.Page;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.SessionSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.ai.session.EventFilter;
import org.springframework.ai.session.Session;
import org.springframework.ai.session.SessionEvent;
import org.springframework.ai.session.SessionRepository;

/**
 * spring-ai-session's {@link SessionRepository} on agentstore, in one org (tenant). A session
 * is an agentstore {@code Session} (slug derived from its id, {@code threadId} the id,
 * {@code subject} the user id); its event log is the message items of one agent execution, in
 * order, each event's message kept whole (see {@link AgentStoreChatMemoryRepository}) with its
 * id, exact timestamp, metadata, branch and archived flag. The event-log version lives in the
 * session and moves with every append and compaction, in the same transaction.
 *
 * <p>{@link #appendEvent} is idempotent by event id (appending an id the log already holds
 * changes nothing, version included); {@link #compactEvents} is a compare-and-swap on the event
 * version; {@link #findByUserId} and {@link #findExpiredSessionIds} see this org's sessions
 * only. Writers of one session in this process take turns (a striped lock) before their
 * transaction; writers in several processes on one PostgreSQL database rely on the store's
 * transaction re-runs ({@code AgentStore.Builder.transactionRetries}). The log is read whole for an append's idempotency check and for filters, which suits
 * conversation-sized logs (hundreds to a few thousand events).
 *
 * <p>Usage: {@code SessionRepository sessions = new AgentStoreSessionRepository(store, orgId);}
 */
public final class AgentStoreSessionRepository implements SessionRepository {
  /** The integration name: the label value of its sessions and the slug of its agent. */
  public static final String INTEGRATION = "spring-ai-session";
  private static final String EVENT = "sessionEvent";
  private static final String SESSION = "springAiSession";
  private static final String VERSION = "eventVersion";
  private static final String CREATED = "createdAt";
  private static final String EXPIRES = "expiresAt";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Conversations conversations;
  /**
   * Appends and compactions of one session are read-check-write transactions on the session's
   * row; on PostgreSQL (SERIALIZABLE) concurrent ones conflict and are re-run, so writers of
   * one session in this process take turns here first (striped by session id) and only writers
   * in other processes are left to the store's re-runs.
   */
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  /** The sessions of org {@code org} (an organization id) in {@code store}. */
  public AgentStoreSessionRepository(AgentStore store, String org) {
    this.conversations = new Conversations(store, org, INTEGRATION);
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  private ReentrantLock stripe(String sessionId) {
    return stripes[Math.floorMod(sessionId.hashCode(), stripes.length)];
  }

  private AgentStore store() {
    return conversations.store();
  }

  @Override
  public Session save(Session session) {
    require(session != null, "session must not be null");
    conversations.prepare();
    Optional<dev.agentstore.model.Session> found = conversations.session(store(), session.id());
    if (found.isPresent()) {
      // one edit: re-read and re-applied on a concurrent change, so the event version kept
      // is always the current one
      store().sessions().edit(found.get().id(), s -> {
        Map<String, String> meta = new HashMap<>(s.spec().metadata());
        times(meta, session);
        return s.withSpec(spec(s.spec().toBuilder(), session, meta).build());
      });
    } else {
      Map<String, String> meta = new HashMap<>();
      times(meta, session);
      meta.put(VERSION, "0");
      // both race-safe: a concurrent save of the same new session reads the winner's
      dev.agentstore.model.Session made = conversations.ensureSession(store(), session.id(),
          b -> spec(b, session, meta));
      conversations.ensureExecution(store(), session.id(), made);
    }
    return session;
  }

  private static void times(Map<String, String> meta, Session session) {
    meta.remove(CREATED);
    meta.remove(EXPIRES);
    if (session.createdAt() != null) {
      meta.put(CREATED, session.createdAt().toString());
    }
    if (session.expiresAt() != null) {
      meta.put(EXPIRES, session.expiresAt().toString());
    }
  }

  private static SessionSpec.Builder spec(SessionSpec.Builder b, Session session,
      Map<String, String> meta) {
    Map<String, JsonNode> unknown = new LinkedHashMap<>();
    unknown.put(SESSION, JSON.valueToTree(session.metadata()));
    return b.subject(session.userId()).metadata(meta).unknownFields(unknown);
  }

  @Override
  public Session findById(String sessionId) {
    require(sessionId != null && !sessionId.isEmpty(), "sessionId must not be null or empty");
    return conversations.session(store(), sessionId).filter(s -> sessionId.equals(
        s.spec().threadId())).map(AgentStoreSessionRepository::toSession).orElse(null);
  }

  @Override
  public List<Session> findByUserId(String userId) {
    require(userId != null && !userId.isEmpty(), "userId must not be null or empty");
    return all().stream().filter(s -> userId.equals(s.spec().subject()))
        .map(AgentStoreSessionRepository::toSession).toList();
  }

  @Override
  public List<String> findExpiredSessionIds(Instant before) {
    require(before != null, "before must not be null");
    List<String> ids = new ArrayList<>();
    for (dev.agentstore.model.Session s : all()) {
      String expires = s.spec().metadata().get(EXPIRES);
      if (expires != null && Instant.parse(expires).isBefore(before)) {
        ids.add(s.spec().threadId());
      }
    }
    return ids;
  }

  private List<dev.agentstore.model.Session> all() {
    List<dev.agentstore.model.Session> out = new ArrayList<>();
    String token = null;
    do {
      Page<dev.agentstore.model.Session> page = conversations.sessions(store(), 500, token);
      out.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return out;
  }

  @Override
  public void delete(String sessionId) {
    require(sessionId != null && !sessionId.isEmpty(), "sessionId must not be null or empty");
    store().runInTransaction(tx -> conversations.delete(tx, sessionId));
  }

  @Override
  public void appendEvent(SessionEvent event) {
    require(event != null, "event must not be null");
    String id = event.getSessionId();
    // the log's execution exists before the transaction, which then only reads and appends
    conversations.ensureExecution(store(), id, existing(store(), id));
    ReentrantLock lock = stripe(id);
    lock.lock();
    try {
      appendLocked(event, id);
    } finally {
      lock.unlock();
    }
  }

  private void appendLocked(SessionEvent event, String id) {
    store().runInTransaction(tx -> {
      dev.agentstore.model.Session s = existing(tx, id);
      List<AgentMessage> log = conversations.messages(tx, id);
      for (AgentMessage m : log) {
        JsonNode e = m.unknownFields().get(EVENT);
        if (e != null && event.getId().equals(e.path("id").asText())) {
          return; // already appended: idempotent by event id
        }
      }
      String exec = conversations.ensureExecution(tx, id, s).id();
      tx.agentExecutions().appendMessages(exec, List.of(item(event, event.isArchived())));
      bump(tx, s);
    });
  }

  @Override
  public boolean compactEvents(String sessionId, List<SessionEvent> archivedEvents,
      List<SessionEvent> retainedEvents, long expectedVersion) {
    require(sessionId != null && !sessionId.isEmpty(), "sessionId must not be null or empty");
    require(archivedEvents != null, "archivedEvents must not be null");
    require(retainedEvents != null, "retainedEvents must not be null");
    ReentrantLock lock = stripe(sessionId);
    lock.lock();
    try {
      return compactLocked(sessionId, archivedEvents, retainedEvents, expectedVersion);
    } finally {
      lock.unlock();
    }
  }

  private boolean compactLocked(String sessionId, List<SessionEvent> archivedEvents,
      List<SessionEvent> retainedEvents, long expectedVersion) {
    return store().inTransaction(tx -> {
      dev.agentstore.model.Session s = existing(tx, sessionId);
      if (version(s) != expectedVersion) {
        return false;
      }
      List<AgentMessage> next = new ArrayList<>();
      for (AgentMessage m : conversations.messages(tx, sessionId)) {
        JsonNode e = m.unknownFields().get(EVENT);
        if (e != null && e.path("archived").asBoolean()) {
          next.add(m); // previously archived: kept as it is
        }
      }
      for (SessionEvent e : archivedEvents) {
        next.add(item(e, true));
      }
      for (SessionEvent e : retainedEvents) {
        next.add(item(e, e.isArchived()));
      }
      conversations.replace(tx, sessionId, next);
      bump(tx, s);
      return true;
    });
  }

  @Override
  public long getEventVersion(String sessionId) {
    require(sessionId != null && !sessionId.isEmpty(), "sessionId must not be null or empty");
    return conversations.session(store(), sessionId).map(AgentStoreSessionRepository::version)
        .orElse(0L);
  }

  @Override
  public List<SessionEvent> findEvents(String sessionId, EventFilter filter) {
    require(sessionId != null && !sessionId.isEmpty(), "sessionId must not be null or empty");
    require(filter != null, "filter must not be null");
    List<SessionEvent> matched = new ArrayList<>();
    for (AgentMessage m : conversations.messages(store(), sessionId)) {
      SessionEvent e = event(sessionId, m);
      if (filter.matches(e)) {
        matched.add(e);
      }
    }
    List<SessionEvent> window = matched;
    if (filter.lastN() != null && window.size() > filter.lastN()) {
      window = window.subList(window.size() - filter.lastN(), window.size());
    }
    if (filter.pageSize() != null) {
      int from = (filter.page() == null ? 0 : filter.page()) * filter.pageSize();
      window = from >= window.size() ? List.of()
          : window.subList(from, Math.min(from + filter.pageSize(), window.size()));
    }
    return List.copyOf(window);
  }

  private dev.agentstore.model.Session existing(AgentStore tx, String id) {
    require(id != null && !id.isEmpty(), "sessionId must not be null or empty");
    return conversations.session(tx, id).filter(s -> id.equals(s.spec().threadId()))
        .orElseThrow(() -> new IllegalArgumentException("Session not found: " + id));
  }

  private static long version(dev.agentstore.model.Session s) {
    return Long.parseLong(s.spec().metadata().getOrDefault(VERSION, "0"));
  }

  private static void bump(AgentStore tx, dev.agentstore.model.Session s) {
    Map<String, String> meta = new HashMap<>(s.spec().metadata());
    meta.put(VERSION, Long.toString(version(s) + 1));
    meta.put("lastActiveAt", Instant.now().toString());
    tx.sessions().update(s.withSpec(s.spec().withMetadata(meta)));
  }

  private static AgentMessage item(SessionEvent e, boolean archived) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", e.getId());
    n.put("timestamp", e.getTimestamp().toString());
    n.set("metadata", JSON.valueToTree(e.getMetadata()));
    if (e.getBranch() != null) {
      n.put("branch", e.getBranch());
    }
    n.put("archived", archived);
    return SpringAiMessages.toItem(e.getMessage(), e.getTimestamp().truncatedTo(
        ChronoUnit.MICROS), Map.of(EVENT, n));
  }

  private static SessionEvent event(String sessionId, AgentMessage m) {
    JsonNode n = m.unknownFields().get(EVENT);
    SessionEvent.Builder b = SessionEvent.builder().sessionId(sessionId)
        .message(SpringAiMessages.fromItem(m));
    if (n == null) { // an item some other writer appended
      return b.id("item-" + Integer.toHexString(System.identityHashCode(m)))
          .timestamp(m.timestamp() == null ? Instant.EPOCH : m.timestamp()).build();
    }
    Map<String, Object> metadata = JSON.convertValue(n.get("metadata"), MAP);
    b.id(n.get("id").asText()).timestamp(Instant.parse(n.get("timestamp").asText()))
        .archived(n.path("archived").asBoolean());
    if (metadata != null) {
      b.metadata(metadata);
    }
    if (n.hasNonNull("branch")) {
      b.branch(n.get("branch").asText());
    }
    return b.build();
  }

  private static Session toSession(dev.agentstore.model.Session s) {
    Map<String, String> meta = s.spec().metadata();
    Session.Builder b = Session.builder().id(s.spec().threadId()).userId(s.spec().subject());
    if (meta.get(CREATED) != null) {
      b.createdAt(Instant.parse(meta.get(CREATED)));
    }
    if (meta.get(EXPIRES) != null) {
      b.expiresAt(Instant.parse(meta.get(EXPIRES)));
    }
    Map<String, Object> metadata = JSON.convertValue(s.spec().unknownFields().get(SESSION), MAP);
    if (metadata != null) {
      b.metadata(metadata);
    }
    return b.build();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
