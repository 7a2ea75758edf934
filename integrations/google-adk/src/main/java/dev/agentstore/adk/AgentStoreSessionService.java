package dev.agentstore.adk;

import dev.agentstore.integration.Conversations;
import dev.agentstore.integration.Retries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionNotFoundException;
import com.google.adk.sessions.State;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.SessionSpec;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A Google ADK {@link BaseSessionService} on agentstore (SQLite or PostgreSQL). Each ADK session
 * is one agentstore {@code Session} of the given org (its state and last update time in the
 * spec's {@code adk} field) and one {@code AgentExecution} whose {@code status.messages} are the
 * events, in order (each whole, as ADK's JSON, in the message's {@code adk} field). App state
 * ({@code app:} keys) is one more {@code Session} resource per app, shared by all its sessions;
 * user state ({@code user:} keys) one per app and user, shared by all the user's sessions.
 * {@code temp:} keys are never stored, neither in state nor in the stored events' deltas.
 *
 * <p>{@link #appendEvent} applies the event's state delta to the three tiers and appends the
 * event in one transaction: a reader sees both or neither. Stale writes are refused instead of
 * the last writer winning: every write gives the session a new, strictly later
 * {@code lastUpdateTime}, and an append through a {@link Session} object read before another
 * writer's append (its {@code lastUpdateTime} older than the stored one) fails with
 * {@link ConflictException} (its versions are the agentstore versions of the session resource;
 * the expected one is 0 for a {@link Session} object this service did not hand out). Re-read the
 * session and append again. The database is the only source of truth: services in any number
 * of processes share the sessions.
 *
 * <p>Where ADK's {@code InMemorySessionService} differs: creating a session whose id exists is
 * {@link AlreadyExistsException} (it overwrites), {@code app:}/{@code user:} keys of a new
 * session's state go to their tiers (it keeps them in the session), {@code temp:} keys of a new
 * session's state are dropped, and appending to a session that does not exist is
 * {@link SessionNotFoundException} (it stores the session). Results are deferred RxJava values:
 * nothing runs until subscribed.
 *
 * <p>Usage: {@code BaseSessionService sessions = new AgentStoreSessionService(store, orgId);}
 */
public final class AgentStoreSessionService implements BaseSessionService {
  static final String FIELD = "adk";
  static final String TIER_LABEL = "adk.agentstore.dev/tier";
  static final String USER_LABEL = "adk.agentstore.dev/user";

  private static final Conversations SESSIONS = new Conversations("adk-s");
  private static final Conversations APPS = new Conversations("adk-a");
  private static final Conversations USERS = new Conversations("adk-u");

  private final AgentStore store;
  private final String org;
  private final Clock clock;
  /** The resource version each Session object handed out was read or written at (for errors). */
  private final Map<Session, Long> versions = Collections.synchronizedMap(new WeakHashMap<>());

  /** A session service keeping {@code org}'s (an organization id) ADK sessions in {@code store}. */
  public AgentStoreSessionService(AgentStore store, String org) {
    this(store, org, Clock.systemUTC());
  }

  /** As {@link #AgentStoreSessionService(AgentStore, String)}, with {@code clock} for times. */
  public AgentStoreSessionService(AgentStore store, String org, Clock clock) {
    if (store == null) {
      throw new InvalidArgumentException("store", "required");
    }
    if (org == null || org.isBlank()) {
      throw new InvalidArgumentException("org", "required: the organization id the sessions belong to");
    }
    if (clock == null) {
      throw new InvalidArgumentException("clock", "required");
    }
    this.store = store;
    this.org = org;
    this.clock = clock;
  }

  // ------------------------------------------------------------------ keys

  static String required(String value, String field) {
    if (value == null) {
      throw new InvalidArgumentException(field, "required");
    }
    return value;
  }

  /** A key naming several parts unambiguously: their JSON array. */
  static String key(String... parts) {
    ArrayNode a = AdkJson.NODES.arrayNode();
    for (String p : parts) {
      a.add(p);
    }
    return a.toString();
  }

  static String sessionKey(String app, String user, String id) {
    return key(required(app, "appName"), required(user, "userId"), required(id, "sessionId"));
  }

  static String userKey(String app, String user) {
    return key(required(app, "appName"), required(user, "userId"));
  }

  // ------------------------------------------------------------------ BaseSessionService

  @Override
  public Single<Session> createSession(String appName, String userId,
      ConcurrentMap<String, Object> state, String sessionId) {
    return createSession(appName, userId, (Map<String, Object>) state, sessionId);
  }

  @Override
  public Single<Session> createSession(String appName, String userId, Map<String, Object> state,
      String sessionId) {
    return Single.fromCallable(() -> create(appName, userId, state, sessionId));
  }

  @Override
  public Maybe<Session> getSession(String appName, String userId, String sessionId,
      Optional<GetSessionConfig> config) {
    return Maybe.fromCallable(() -> get(appName, userId, sessionId,
        config == null ? Optional.empty() : config).orElse(null));
  }

  @Override
  public Single<ListSessionsResponse> listSessions(String appName, String userId) {
    return Single.fromCallable(() -> list(appName, userId));
  }

  @Override
  public Completable deleteSession(String appName, String userId, String sessionId) {
    return Completable.fromAction(() -> {
      String key = sessionKey(appName, userId, sessionId);
      store.runInTransaction(tx -> SESSIONS.delete(tx, org, key));
    });
  }

  @Override
  public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId) {
    return Single.fromCallable(() -> {
      String key = sessionKey(appName, userId, sessionId);
      List<Event> events = store.readTransaction(tx -> SESSIONS.find(tx, org, key))
          .map(c -> events(c.messages())).orElse(List.of());
      return ListEventsResponse.builder().events(events).build();
    });
  }

  @Override
  public Single<Event> appendEvent(Session session, Event event) {
    return Single.fromCallable(() -> append(session, event));
  }

  // ------------------------------------------------------------------ implementation

  /** The stored ADK fields of a session resource. */
  private record Stored(Map<String, Object> state, Instant lastUpdateTime) {
    static Stored of(dev.agentstore.model.Session resource) {
      JsonNode adk = resource.spec().unknownFields().get(FIELD);
      if (adk == null) {
        return new Stored(new HashMap<>(), null);
      }
      JsonNode last = adk.get("lastUpdateTime");
      return new Stored(AdkJson.fromState(adk.get("state")),
          last == null || last.isNull() ? null : Instant.parse(last.asText()));
    }
  }

  private static ObjectNode adkField(String tier, String app, String user, String id,
      Map<String, Object> state, Instant lastUpdateTime) {
    ObjectNode adk = AdkJson.NODES.objectNode();
    adk.put("tier", tier);
    adk.put("appName", app);
    if (user != null) {
      adk.put("userId", user);
    }
    if (id != null) {
      adk.put("sessionId", id);
    }
    adk.set("state", AdkJson.state(state));
    if (lastUpdateTime != null) {
      adk.put("lastUpdateTime", lastUpdateTime.toString());
    }
    return adk;
  }

  private static SessionSpec withAdk(SessionSpec spec, ObjectNode adk) {
    Map<String, JsonNode> unknown = new HashMap<>(spec.unknownFields());
    unknown.put(FIELD, adk);
    return spec.withUnknownFields(unknown);
  }

  private Session create(String app, String user, Map<String, Object> initial, String requestedId) {
    required(app, "appName");
    required(user, "userId");
    String id = requestedId == null || requestedId.trim().isEmpty()
        ? UUID.randomUUID().toString() : requestedId.trim();
    Map<String, Object> own = new HashMap<>();
    Map<String, Object> appDelta = new HashMap<>();
    Map<String, Object> userDelta = new HashMap<>();
    if (initial != null) {
      initial.forEach((k, v) -> split(k, v, own, appDelta, userDelta));
    }
    own.values().removeIf(v -> v == State.REMOVED);
    Instant now = clock.instant();
    String key = sessionKey(app, user, id);
    String userHash = USERS.slug(userKey(app, user));
    Written written = Retries.retrying(Retries.DEFAULT_ATTEMPTS,
        AgentStoreSessionService::retryable, () -> store.inTransaction(tx -> {
      Optional<dev.agentstore.model.Session> existing =
          tx.sessions().getBySlug(org, SESSIONS.slug(key));
      if (existing.isPresent()) {
        throw new SessionExists(existing.get().metadata().id(),
            "ADK session " + id + " of app " + app + " and user " + user + " exists");
      }
      Map<String, Object> appState = writeTier(tx, APPS, key(app), app, null, appDelta);
      Map<String, Object> userState = writeTier(tx, USERS, userKey(app, user), app, user, userDelta);
      Conversations.Conversation c = SESSIONS.open(tx, org, key, b -> b
          .label(TIER_LABEL, "session").label(USER_LABEL, userHash)
          .spec(withAdk(SessionSpec.builder().threadId(key).build(),
              adkField("session", app, user, id, own, now))));
      return new Written(c.session().metadata().version(), now, appState, userState);
    }));
    Map<String, Object> state = new ConcurrentHashMap<>(own);
    merge(state, written.appState(), written.userState());
    Session session = Session.builder(id).appName(app).userId(user).state(state)
        .lastUpdateTime(now).build();
    versions.put(session, written.version());
    return session;
  }

  private record Written(long version, Instant lastUpdateTime, Map<String, Object> appState,
      Map<String, Object> userState) {}

  /** Sorts one state entry into its tier; {@code temp:} entries are dropped. */
  private static void split(String k, Object v, Map<String, Object> own,
      Map<String, Object> app, Map<String, Object> user) {
    if (k == null) {
      throw new InvalidArgumentException("state", "a key is null");
    }
    if (k.startsWith(State.TEMP_PREFIX)) {
      return;
    }
    if (k.startsWith(State.APP_PREFIX)) {
      app.put(k.substring(State.APP_PREFIX.length()), v);
    } else if (k.startsWith(State.USER_PREFIX)) {
      user.put(k.substring(State.USER_PREFIX.length()), v);
    } else {
      own.put(k, v);
    }
  }

  private static void apply(Map<String, Object> state, Map<String, Object> delta) {
    delta.forEach((k, v) -> {
      if (v == State.REMOVED) {
        state.remove(k);
      } else {
        state.put(k, v);
      }
    });
  }

  private static void merge(Map<String, Object> state, Map<String, Object> app,
      Map<String, Object> user) {
    app.forEach((k, v) -> state.put(State.APP_PREFIX + k, v));
    user.forEach((k, v) -> state.put(State.USER_PREFIX + k, v));
  }

  /** Applies {@code delta} to a shared tier (app or user state); returns its state after. */
  private Map<String, Object> writeTier(AgentStore tx, Conversations tier, String key, String app,
      String user, Map<String, Object> delta) {
    String slug = tier.slug(key);
    Optional<dev.agentstore.model.Session> found = tx.sessions().getBySlug(org, slug);
    Map<String, Object> state = found.map(r -> Stored.of(r).state()).orElseGet(HashMap::new);
    if (delta.isEmpty()) {
      return state;
    }
    apply(state, delta);
    String tierName = user == null ? "app" : "user";
    ObjectNode adk = adkField(tierName, app, user, null, state, null);
    if (found.isPresent()) {
      dev.agentstore.model.Session r = found.get();
      tx.sessions().update(r.withSpec(withAdk(r.spec(), adk)));
    } else {
      tx.sessions().create(dev.agentstore.model.Session.builder().org(org).slug(slug).name(slug)
          .label(TIER_LABEL, tierName).spec(withAdk(SessionSpec.builder().build(), adk)).build());
    }
    return state;
  }

  private Map<String, Object> readTier(AgentStore tx, Conversations tier, String key) {
    return tx.sessions().getBySlug(org, tier.slug(key)).map(r -> Stored.of(r).state())
        .orElseGet(HashMap::new);
  }

  private Optional<Session> get(String app, String user, String id,
      Optional<GetSessionConfig> config) {
    String key = sessionKey(app, user, id);
    record Read(Conversations.Conversation c, Map<String, Object> app, Map<String, Object> user) {}
    Optional<Read> read = store.readTransaction(tx -> SESSIONS.find(tx, org, key)
        .map(c -> new Read(c, readTier(tx, APPS, key(app)), readTier(tx, USERS, userKey(app, user)))));
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Conversations.Conversation c = read.get().c();
    Stored stored = Stored.of(c.session());
    List<Event> events = new ArrayList<>(events(c.messages()));
    GetSessionConfig cfg = config.orElseGet(() -> GetSessionConfig.builder().build());
    cfg.numRecentEvents().ifPresent(n -> {
      if (n < events.size()) {
        events.subList(0, events.size() - Math.max(n, 0)).clear();
      }
    });
    cfg.afterTimestamp().ifPresent(t ->
        events.removeIf(e -> Instant.ofEpochMilli(e.timestamp()).isBefore(t)));
    Map<String, Object> state = new ConcurrentHashMap<>(stored.state());
    merge(state, read.get().app(), read.get().user());
    Session session = Session.builder(id).appName(app).userId(user).state(state).events(events)
        .lastUpdateTime(stored.lastUpdateTime()).build();
    versions.put(session, c.session().metadata().version());
    return Optional.of(session);
  }

  private ListSessionsResponse list(String app, String user) {
    String userHash = USERS.slug(userKey(app, user));
    Query.Builder q = Query.builder().org(org)
        .labelSelector(TIER_LABEL + "=session," + USER_LABEL + "=" + userHash)
        .pageSize(Query.MAX_PAGE_SIZE);
    List<Session> out = new ArrayList<>();
    store.runInTransaction(tx -> {
      Map<String, Object> appState = readTier(tx, APPS, key(app));
      Map<String, Object> userState = readTier(tx, USERS, userKey(app, user));
      String token = null;
      do {
        Page<dev.agentstore.model.Session> page = tx.sessions().list(q.pageToken(token).build());
        for (dev.agentstore.model.Session r : page.items()) {
          JsonNode adk = r.spec().unknownFields().get(FIELD);
          // the label holds a hash: check the names themselves
          if (adk == null || !app.equals(adk.path("appName").asText())
              || !user.equals(adk.path("userId").asText())) {
            continue;
          }
          Stored stored = Stored.of(r);
          Map<String, Object> state = new ConcurrentHashMap<>(stored.state());
          merge(state, appState, userState);
          out.add(Session.builder(adk.path("sessionId").asText()).appName(app).userId(user)
              .state(state).lastUpdateTime(stored.lastUpdateTime()).build());
        }
        token = page.nextPageToken();
      } while (token != null);
    });
    return ListSessionsResponse.builder().sessions(out).build();
  }

  private Event append(Session session, Event event) {
    if (session == null) {
      throw new InvalidArgumentException("session", "required");
    }
    if (event == null) {
      throw new InvalidArgumentException("event", "required");
    }
    String app = required(session.appName(), "session.appName");
    String user = required(session.userId(), "session.userId");
    String id = required(session.id(), "session.id");
    if (event.partial().orElse(false)) {
      return event; // partial (streamed) events are not stored, as in every ADK service
    }
    Map<String, Object> own = new HashMap<>();
    Map<String, Object> appDelta = new HashMap<>();
    Map<String, Object> userDelta = new HashMap<>();
    EventActions actions = event.actions();
    if (actions != null && actions.stateDelta() != null) {
      actions.stateDelta().forEach((k, v) -> split(k, v, own, appDelta, userDelta));
    }
    ObjectNode storedEvent = AdkJson.event(event);
    String key = sessionKey(app, user, id);
    Instant eventTime = Instant.ofEpochMilli(event.timestamp());
    AgentMessage message = AgentMessage.builder()
        .type("user".equals(event.author()) ? MessageType.HUMAN : MessageType.AI)
        .content(text(event)).timestamp(eventTime)
        .unknownFields(Map.of(FIELD, storedEvent)).build();
    Written written = Retries.retrying(Retries.DEFAULT_ATTEMPTS,
        AgentStoreSessionService::retryable, () -> store.inTransaction(tx -> {
      Conversations.Conversation c = SESSIONS.find(tx, org, key).orElseThrow(() ->
          new SessionNotFoundException("no ADK session " + id + " of app " + app + " and user "
              + user));
      dev.agentstore.model.Session resource = c.session();
      Stored stored = Stored.of(resource);
      Instant mine = session.lastUpdateTime();
      if (stored.lastUpdateTime() != null && (mine == null || mine.isBefore(stored.lastUpdateTime()))) {
        Long expected = versions.get(session);
        throw new ConflictException(resource.metadata().id(), expected == null ? 0 : expected,
            resource.metadata().version());
      }
      Map<String, Object> state = new HashMap<>(stored.state());
      apply(state, own);
      Map<String, Object> appState = writeTier(tx, APPS, key(app), app, null, appDelta);
      Map<String, Object> userState = writeTier(tx, USERS, userKey(app, user), app, user, userDelta);
      Instant last = stored.lastUpdateTime() == null || eventTime.isAfter(stored.lastUpdateTime())
          ? eventTime : stored.lastUpdateTime().plusNanos(1);
      dev.agentstore.model.Session updated = tx.sessions().update(resource.withSpec(
          withAdk(resource.spec(), adkField("session", app, user, id, state, last))));
      tx.agentExecutions().appendMessages(c.execution().metadata().id(), message);
      return new Written(updated.metadata().version(), last, appState, userState);
    }));
    // The caller's session object follows, as with every ADK service.
    BaseSessionService.super.appendEvent(session, event);
    session.lastUpdateTime(written.lastUpdateTime());
    merge(session.state(), written.appState(), written.userState());
    versions.put(session, written.version());
    return event;
  }

  /** The session to create exists: not retried, unlike a concurrent create of a state tier. */
  private static final class SessionExists extends AlreadyExistsException {
    private static final long serialVersionUID = 1L;

    SessionExists(String id, String message) {
      super(Kind.SESSION, id, message, null);
    }
  }


  /** A race to re-run, except a create that found the session it was asked to create. */
  private static boolean retryable(RuntimeException e) {
    return Retries.isRace(e) && !(e instanceof SessionExists);
  }

  private static List<Event> events(List<AgentMessage> messages) {
    List<Event> out = new ArrayList<>(messages.size());
    for (AgentMessage m : messages) {
      JsonNode node = m.unknownFields().get(FIELD);
      if (node != null) {
        out.add(AdkJson.fromEvent(node));
      }
    }
    return out;
  }

  private static String text(Event event) {
    String text = event.stringifyContent();
    return text == null || text.isEmpty() ? null : text;
  }
}
