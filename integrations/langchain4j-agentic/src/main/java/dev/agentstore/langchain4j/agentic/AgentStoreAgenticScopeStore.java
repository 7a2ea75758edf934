package dev.agentstore.langchain4j.agentic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.integration.Conversations;
import dev.agentstore.integration.Retries;
import dev.agentstore.langchain4j.AgentStoreChatMemoryStore;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.langchain4j.agentic.scope.AgenticScopeKey;
import dev.langchain4j.agentic.scope.AgenticScopeSerializer;
import dev.langchain4j.agentic.scope.AgenticScopeStore;
import dev.langchain4j.agentic.scope.DefaultAgenticScope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A LangChain4j agentic {@link AgenticScopeStore} on agentstore (SQLite or PostgreSQL): the
 * persistence of {@code AgenticScope}s (the state, agent invocations and context of an agentic
 * system's run, per agent and memory id) that LangChain4j's {@code AgenticScopePersister} finds
 * through {@link java.util.ServiceLoader} or is given with {@code AgenticScopePersister.setStore}.
 *
 * <p>Each scope is one {@code Session} (labelled {@value #LABEL}={@value #LABEL_VALUE}, its spec's
 * {@code langchain4j} field naming the agent id and memory id) and one {@code AgentExecution}
 * whose {@code status.langchain4j.scope} holds the scope whole, as LangChain4j's own
 * {@link AgenticScopeSerializer} writes it (a JSON string, kept byte for byte), so its state and
 * its agent invocations round-trip. The key is the agent id and the memory id canonicalised by
 * {@code String.valueOf(memoryId)}, as {@link AgentStoreChatMemoryStore} does: {@code 42} and
 * {@code "42"} are one scope; {@link #getAllKeys} gives the memory id as it was first saved
 * (typed, through LangChain4j's serializer).
 *
 * <p>{@link #save} is one transaction (create-or-find the scope, then a version-checked write of
 * the execution, re-run on a race); saves through one instance of this store serialise the
 * scope and write it in one critical section per key, so of concurrent saves of one scope
 * object the last write holds everything written into the scope before any of them; saves
 * from separate processes of one key are last-writer-wins, each whole, never a mix.
 *
 * <p>Found by {@code ServiceLoader}, the no-argument constructor reads the store's URI from the
 * system property {@value #URI_PROPERTY} (or the environment variable
 * {@code AGENTSTORE_LANGCHAIN4J_AGENTIC_URI}) and the slug of the org (made when absent) from
 * {@value #ORG_PROPERTY} ({@code AGENTSTORE_LANGCHAIN4J_AGENTIC_ORG}; default
 * {@value #DEFAULT_ORG}); it opens the store on first use, and a use without a URI is a
 * {@link FailedPreconditionException} naming the property.
 *
 * <p>Usage: {@code AgenticScopePersister.setStore(new AgentStoreAgenticScopeStore(store, orgId));}
 */
public final class AgentStoreAgenticScopeStore implements AgenticScopeStore, AutoCloseable {
  /** The field of the session spec and execution status this store writes. */
  public static final String FIELD = "langchain4j";
  /** The label marking a scope's session. */
  public static final String LABEL = "langchain4j.agentstore.dev/store";
  /** The value of {@link #LABEL} on a scope's session. */
  public static final String LABEL_VALUE = "agentic-scope";
  /** The system property holding the URI of the store the no-argument constructor opens. */
  public static final String URI_PROPERTY = "agentstore.langchain4j.agentic.uri";
  /** The system property holding the slug of the org the no-argument constructor uses. */
  public static final String ORG_PROPERTY = "agentstore.langchain4j.agentic.org";
  /** The org slug the no-argument constructor uses when {@link #ORG_PROPERTY} is not set. */
  public static final String DEFAULT_ORG = "langchain4j-agentic";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Conversations SCOPES = new Conversations("lc4j-as");
  private static final String STATE_KEY = "memoryId";
  private static final int LOCKS = 64;

  private final Function<String, String> settings;
  private final boolean owned;
  private final Object[] locks = new Object[LOCKS];
  private Target target;

  /** The store and org this instance writes to. */
  private record Target(AgentStore store, String org) {}

  /**
   * The instance {@code ServiceLoader} makes: configured by {@value #URI_PROPERTY} and
   * {@value #ORG_PROPERTY} (or their environment variables), opened on first use.
   */
  public AgentStoreAgenticScopeStore() {
    this(AgentStoreAgenticScopeStore::setting);
  }

  /** As {@link #AgentStoreAgenticScopeStore()}, reading the two settings from {@code settings}. */
  AgentStoreAgenticScopeStore(Function<String, String> settings) {
    this.settings = settings;
    this.owned = true;
    fillLocks();
  }

  /** A store of {@code org}'s (an organization id) agentic scopes in {@code store}. */
  public AgentStoreAgenticScopeStore(AgentStore store, String org) {
    if (store == null) {
      throw new InvalidArgumentException("store", "required");
    }
    if (org == null || org.isBlank()) {
      throw new InvalidArgumentException("org", "required: the organization id the scopes belong to");
    }
    this.settings = null;
    this.owned = false;
    this.target = new Target(store, org);
    fillLocks();
  }

  private void fillLocks() {
    for (int i = 0; i < LOCKS; i++) {
      locks[i] = new Object();
    }
  }

  private static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.isBlank() ? null : value;
  }

  private synchronized Target target() {
    if (target != null) {
      return target;
    }
    String uri = settings.apply(URI_PROPERTY);
    if (uri == null) {
      throw new FailedPreconditionException(getClass().getSimpleName() + " was found by"
          + " ServiceLoader but " + URI_PROPERTY + " (or AGENTSTORE_LANGCHAIN4J_AGENTIC_URI) is"
          + " not set: set it to the store's URI, or give LangChain4j a store of your own with"
          + " AgenticScopePersister.setStore(new AgentStoreAgenticScopeStore(store, orgId))");
    }
    String slug = Optional.ofNullable(settings.apply(ORG_PROPERTY)).orElse(DEFAULT_ORG);
    AgentStore store = AgentStore.open(uri);
    try {
      target = new Target(store, orgId(store, slug));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return target;
  }

  /** The id of the org with slug {@code slug}, made when there is none. */
  private static String orgId(AgentStore store, String slug) {
    return store.organizations().getBySlug(null, slug).map(Organization::id).orElseGet(() -> {
      try {
        return store.organizations().create(Organization.builder().name(slug).slug(slug)
            .description("LangChain4j agentic scopes").build()).id();
      } catch (AlreadyExistsException e) {
        return store.organizations().getBySlug(null, slug).orElseThrow(() -> e).id();
      }
    });
  }

  /**
   * The key a scope is stored under: the JSON array of the agent id and
   * {@code String.valueOf(memoryId)}.
   */
  public static String key(AgenticScopeKey key) {
    if (key == null) {
      throw new InvalidArgumentException("key", "required");
    }
    if (key.agentId() == null) {
      throw new InvalidArgumentException("key.agentId", "required");
    }
    if (key.memoryId() == null) {
      throw new InvalidArgumentException("key.memoryId", "required");
    }
    return NODES.arrayNode().add(key.agentId()).add(AgentStoreChatMemoryStore.key(key.memoryId()))
        .toString();
  }

  @Override
  public boolean save(AgenticScopeKey key, DefaultAgenticScope agenticScope) {
    String k = key(key);
    if (agenticScope == null) {
      throw new InvalidArgumentException("agenticScope", "required");
    }
    Target t = target();
    synchronized (locks[Math.floorMod(k.hashCode(), LOCKS)]) {
      // serialised inside the critical section: the last write is of the newest snapshot
      String json = AgenticScopeSerializer.toJson(agenticScope);
      ObjectNode stored = NODES.objectNode().put("scope", json);
      Retries.onRaces(() -> t.store().inTransaction(tx -> {
        Conversations.Conversation c = SCOPES.open(tx, t.org(), k, b -> b
            .label(LABEL, LABEL_VALUE)
            .spec(SessionSpec.builder().threadId(k)
                .unknownFields(Map.of(FIELD, keyField(key))).build()));
        AgentExecutionStatus status = c.execution().status() == null
            ? AgentExecutionStatus.pending() : c.execution().status();
        Map<String, JsonNode> fields = new HashMap<>(status.unknownFields());
        fields.put(FIELD, stored);
        tx.agentExecutions().updateStatus(c.execution().withStatus(status.withUnknownFields(fields)));
        return null;
      }));
    }
    return true;
  }

  @Override
  public Optional<DefaultAgenticScope> load(AgenticScopeKey key) {
    String k = key(key);
    Target t = target();
    return t.store().readTransaction(tx -> SCOPES.find(tx, t.org(), k))
        .map(c -> c.execution().status())
        .map(s -> s.unknownFields().get(FIELD))
        .filter(f -> f.path("scope").isTextual())
        .map(f -> AgenticScopeSerializer.fromJson(f.get("scope").asText()));
  }

  @Override
  public boolean delete(AgenticScopeKey key) {
    String k = key(key);
    Target t = target();
    return Retries.onRaces(() -> t.store().inTransaction(tx -> SCOPES.delete(tx, t.org(), k)));
  }

  @Override
  public Set<AgenticScopeKey> getAllKeys() {
    Target t = target();
    Query.Builder q = Query.builder().org(t.org()).labelSelector(LABEL + "=" + LABEL_VALUE)
        .pageSize(Query.MAX_PAGE_SIZE);
    return t.store().readTransaction(tx -> {
      Set<AgenticScopeKey> out = new HashSet<>();
      String token = null;
      do {
        Page<Session> page = tx.sessions().list(q.pageToken(token).build());
        for (Session s : page.items()) {
          JsonNode f = s.spec().unknownFields().get(FIELD);
          if (f != null && f.path("agentId").isTextual() && f.path("memoryId").isTextual()) {
            out.add(new AgenticScopeKey(f.get("agentId").asText(),
                memoryId(f.get("memoryId").asText())));
          }
        }
        token = page.nextPageToken();
      } while (token != null);
      return out;
    });
  }

  /**
   * The session field naming the key: the agent id, and the memory id as LangChain4j's
   * serializer writes it (the state of a one-entry scope), so {@link #getAllKeys} gives it back
   * typed.
   */
  private static ObjectNode keyField(AgenticScopeKey key) {
    DefaultAgenticScope holder = DefaultAgenticScope.ephemeralAgenticScope();
    holder.writeState(STATE_KEY, key.memoryId());
    return NODES.objectNode().put("agentId", key.agentId())
        .put("memoryId", AgenticScopeSerializer.toJson(holder));
  }

  private static Object memoryId(String holderJson) {
    return AgenticScopeSerializer.fromJson(holderJson).readState(STATE_KEY);
  }

  /** Closes the store if this instance opened it (the no-argument constructor's). */
  @Override
  public synchronized void close() {
    if (owned && target != null) {
      target.store().close();
      target = null;
    }
  }
}
