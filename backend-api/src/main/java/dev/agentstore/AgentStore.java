package dev.agentstore;

import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.history.ChangeFeed;
import dev.agentstore.history.History;
import dev.agentstore.internal.Actors;
import dev.agentstore.internal.StoreOpener;
import dev.agentstore.internal.StoreSettings;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.Environment;
import dev.agentstore.model.ExecutionContext;
import dev.agentstore.model.IamPolicy;
import dev.agentstore.model.IdentityAccount;
import dev.agentstore.model.McpServer;
import dev.agentstore.model.Organization;
import dev.agentstore.model.Session;
import dev.agentstore.model.Skill;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowInstance;
import dev.agentstore.secret.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store: one repository per resource kind, transactions, org-scoped views, history and
 * the change feed. Open it by URI; the backend is found on the class path with
 * {@link java.util.ServiceLoader}.
 *
 * <p>Usage:
 * <pre>{@code
 * try (AgentStore store = AgentStore.open("local:/tmp/agents")) {
 *   Organization org = store.organizations().create(Organization.builder().name("Acme").build());
 *   Agent agent = store.agents().create(
 *       Agent.builder().org(org.id()).name("Support Bot").instructions("Be brief.").build());
 * }
 * }</pre>
 */
public interface AgentStore extends AutoCloseable {

  /**
   * The actor recorded for writes when none was chosen, with {@link #as(String)} or
   * {@link Builder#actor(String)}: every history entry names an actor, never a blank one.
   */
  String SYSTEM_ACTOR = "system";

  /** The default data directory of {@code local:}: {@code ~/.agentstore}. */
  String DEFAULT_URI = "local:";

  /**
   * Opens the store at {@code uri}: {@code local:/path/dir} (SQLite and local files; plain
   * {@code local:} is {@code ~/.agentstore}), {@code postgresql://user@host:5432/db} or a JDBC URL.
   */
  static AgentStore open(String uri) {
    return builder().uri(uri).open();
  }

  /** Opens the embedded default, {@code local:} ({@code ~/.agentstore}). */
  static AgentStore open() {
    return open(DEFAULT_URI);
  }

  /** A builder for everything beyond the URI. */
  static Builder builder() {
    return new Builder();
  }

  /** Organizations (platform scope). */
  ResourceRepository<Organization> organizations();

  /** Identity accounts. */
  ResourceRepository<IdentityAccount> identityAccounts();

  /** API keys: issued and verified here; only keyed hashes and fingerprints are stored. */
  ApiKeyRepository apiKeys();

  /** IAM policies. */
  ResourceRepository<IamPolicy> iamPolicies();

  /** Agent templates. */
  ResourceRepository<Agent> agents();

  /**
   * The resources of a kind the application declared ({@link Builder#kind}), with spec and
   * status as JSON trees. Usage: {@code store.resources(trigger).list(Query.all())}.
   *
   * @throws InvalidArgumentException when the store holds no such kind
   */
  CustomResourceRepository<com.fasterxml.jackson.databind.node.ObjectNode,
      com.fasterxml.jackson.databind.node.ObjectNode> resources(KindDefinition kind);

  /**
   * The resources of a declared kind with spec and status read and written as the application's
   * own types (with Jackson). Usage:
   * {@code store.resources(trigger, TriggerSpec.class, TriggerStatus.class).get(id)}.
   *
   * @throws InvalidArgumentException when the store holds no such kind
   */
  <S, T> CustomResourceRepository<S, T> resources(KindDefinition kind,
      Class<S> specClass, Class<T> statusClass);

  /**
   * Every kind the store holds a definition of: those this handle declared and those declared
   * earlier by any process, in the order they were first declared.
   */
  List<KindDefinition> kinds();

  /** Agent deployments. */
  ResourceRepository<AgentInstance> agentInstances();

  /** Workflow templates. */
  ResourceRepository<Workflow> workflows();

  /** Workflow deployments. */
  ResourceRepository<WorkflowInstance> workflowInstances();

  /** Conversation sessions. */
  ResourceRepository<Session> sessions();

  /** Skills. */
  ResourceRepository<Skill> skills();

  /** MCP servers. */
  ResourceRepository<McpServer> mcpServers();

  /** Environments (with sealed secrets). */
  ResourceRepository<Environment> environments();

  /** Ephemeral execution contexts (with sealed secrets). */
  ResourceRepository<ExecutionContext> executionContexts();

  /** Agent executions. */
  AgentExecutionRepository agentExecutions();

  /** Workflow executions. */
  WorkflowExecutionRepository workflowExecutions();

  /**
   * The repository of any resource type but {@link ResourceType#API_KEY}, whose keys are made
   * only by {@link #apiKeys()}{@code .issue(...)} (refused with {@link InvalidArgumentException}).
   */
  <R extends Resource<S, T>, S, T> ResourceRepository<R> repository(ResourceType<R, S, T> type);

  /** Secret-key administration (re-encryption after a key rotation). */
  Secrets secrets();

  /** The version history of every resource. */
  History history();

  /**
   * The scheduled housekeeping: retention per kind and of history, as configured on the builder.
   * Usage: {@code store.maintenance().run();}
   */
  Maintenance maintenance();

  /**
   * The schema migrations applied to the store's database, oldest first, like {@code flyway info}
   * (empty for a backend without a migration history). Opening a store already applied the
   * bundled ones, so this is for operators and {@code agentstore migrate}.
   */
  default List<SchemaMigration> schemaMigrations() {
    return List.of();
  }

  /** Every change in sequence order. */
  ChangeFeed changes();

  /**
   * The artifact store: {@code <data dir>/artifacts/} for {@code local:} stores, or what the
   * builder's {@link Builder#artifacts(String)} (or the {@code artifacts} option) names. Raises
   * {@link FailedPreconditionException} when none is configured (PostgreSQL without one).
   */
  ArtifactStore artifacts();

  /**
   * Writes this whole store to an archive (docs/portability.md): {@code store.exporter().to(out)}.
   * Only on the unscoped store, outside transactions.
   */
  Exporter exporter();

  /**
   * Reads an archive into this store, which must be empty (docs/portability.md):
   * {@code store.importer().from(in)}. Only on the unscoped store, outside transactions.
   */
  Importer importer();

  /**
   * Runs {@code work} in one transaction: every repository call made through the store it is
   * handed, {@code tx}, commits together when it returns, or rolls back whole when it throws; a
   * checked exception of type {@code X} rolls back and reaches the caller unchanged. Inside
   * {@code work} use {@code tx} only: a call through the outer store (or any view not made from
   * {@code tx}) on the same thread raises {@link FailedPreconditionException} at once, since it
   * could not see the transaction's writes (and on SQLite would wait for its writer lock).
   * Called on a transaction's store, it joins that transaction.
   *
   * <p>Transactions are serializable on every backend: concurrent ones behave as if run one
   * after another, so a read-check-write ("deactivate the active ones, activate mine") cannot
   * interleave with another. SQLite runs write transactions one at a time; PostgreSQL runs them
   * SERIALIZABLE, and when one conflicts with a concurrent one the store rolls it back and runs
   * {@code work} again, up to {@link Builder#transactionRetries(int)} times, then raises
   * {@link TransactionConflictException}. So {@code work} may run more than once: it must have
   * no effects outside the store (no messages sent, no counters bumped), or only ones safe to
   * repeat. Single repository calls outside a transaction lock the rows they read and run
   * READ COMMITTED on PostgreSQL (writers of one hot row queue instead of failing); a deadlock or
   * serialization failure among them is re-run the same way.
   *
   * <p>Usage: {@code Agent a = store.inTransaction(tx -> tx.agents().create(agent));}
   */
  <T, X extends Exception> T inTransaction(TransactionCallback<T, X> work) throws X;

  /** {@link #inTransaction(TransactionCallback)} for work that returns nothing. */
  default <X extends Exception> void runInTransaction(TransactionConsumer<X> work) throws X {
    if (work == null) {
      throw new InvalidArgumentException("work", "required");
    }
    inTransaction(tx -> {
      work.accept(tx);
      return null;
    });
  }

  /**
   * Runs read-only {@code work} on one consistent snapshot, without taking the writer lock
   * (SQLite readers run beside the writer). A write through {@code tx} raises
   * {@link FailedPreconditionException} and changes nothing. The outer-store rule of
   * {@link #inTransaction} applies. Called on a transaction's store, it reads in that
   * transaction.
   *
   * <p>Usage: {@code long n = store.readTransaction(tx -> tx.agents().count(q) + tx.skills().count(q));}
   */
  <T, X extends Exception> T readTransaction(TransactionCallback<T, X> work) throws X;

  /**
   * A view that sees and writes only {@code org}'s resources: a resource of another org is "not
   * found", never returned, never overwritten.
   */
  AgentStore forOrg(String org);

  /** A view whose writes are recorded as made by {@code actor} (1-255 characters). */
  AgentStore as(String actor);

  /** The actor this view records for its writes. */
  String actor();

  /**
   * A view whose writes record {@code message} (1-4096 characters) in their history entries, like
   * a commit message: {@code store.as("alice").withMessage("rotate key").apiKeys().update(k)}.
   */
  AgentStore withMessage(String message);

  /** The message this view records with its writes, or null. */
  String message();

  /** The org this view is limited to, or null for the unscoped store. */
  String org();

  /** Closes the backend; views share it, so close the store you opened. */
  @Override
  void close();

  /**
   * Opens an {@link AgentStore} with settings beyond the URI. It has setters and
   * {@link #open()} only; what it collected is read by the opener, not by users.
   *
   * <p>Usage: {@code AgentStore.builder().uri("local:/tmp/s").maxDocumentBytes(1 << 20).open()}
   */
  final class Builder {
    private String uri = DEFAULT_URI;
    private final Map<String, String> options = new LinkedHashMap<>();
    private int maxDocumentBytes = 4 * 1024 * 1024;
    private Duration pageTokenTtl = Duration.ofHours(24);
    private Clock clock = Clock.systemUTC();
    private String actor = SYSTEM_ACTOR;
    private String artifactsUri;
    private dev.agentstore.secret.KeyProvider keyProvider;
    private int editRetries = 10;
    private int transactionRetries = 10;
    private dev.agentstore.observe.StoreObserver observer;
    private final Map<Kind, Duration> retention = new java.util.LinkedHashMap<>();
    private Duration historyRetention;
    private final Map<String, KindDefinition> kinds = new java.util.LinkedHashMap<>();

    private Builder() {}

    /**
     * Declares an application kind (see {@link KindDefinition}). On open the store applies it
     * as a logged schema change when it is new or differs from the stored definition, and
     * refuses to open, changing nothing, when the stored data breaks it (naming the ids).
     * Declaring the same kind again replaces the earlier declaration on this builder.
     */
    public Builder kind(KindDefinition definition) {
      if (definition == null) {
        throw new InvalidArgumentException("kind", "must not be null");
      }
      for (KindDefinition other : kinds.values()) {
        if (!other.kind().equals(definition.kind())
            && other.idPrefix().equals(definition.idPrefix())) {
          throw new InvalidArgumentException("idPrefix", "'" + definition.idPrefix()
              + "' is also the prefix of " + other.kind());
        }
      }
      kinds.put(definition.kind().name(), definition);
      return this;
    }

    /**
     * Who observes the store's operations: {@code new MicrometerObserver(registry)},
     * {@code new OpenTelemetryObserver(openTelemetry)}, or both with {@code StoreObserver.all}.
     * Default none: then no call is wrapped or timed. See {@link dev.agentstore.observe.StoreObserver}.
     */
    public Builder observer(dev.agentstore.observe.StoreObserver value) {
      this.observer = value;
      return this;
    }

    /**
     * How many times {@code repository.edit} re-reads and re-applies its change after losing a
     * race to another writer before it raises the {@link ConflictException} (default 10, 0 to
     * 100; 0 never retries).
     */
    public Builder editRetries(int retries) {
      if (retries < 0 || retries > 100) {
        throw new InvalidArgumentException("editRetries", "must be 0-100, got " + retries);
      }
      this.editRetries = retries;
      return this;
    }

    /**
     * How many times a write transaction is re-run after it conflicted with a concurrent one
     * before {@link TransactionConflictException} is raised (default 10, 0 to 100; 0 never
     * re-runs). A conflict is a PostgreSQL serialization failure (of a SERIALIZABLE
     * {@code inTransaction}) or deadlock; SQLite runs writers one at a time and never has one.
     * The whole transaction is re-run, {@code inTransaction} callbacks included, so those must
     * have no effects outside the store (or ones safe to repeat).
     */
    public Builder transactionRetries(int retries) {
      if (retries < 0 || retries > 100) {
        throw new InvalidArgumentException("transactionRetries", "must be 0-100, got " + retries);
      }
      this.transactionRetries = retries;
      return this;
    }

    /**
     * Where artifacts go: {@code file:/srv/artifacts} or {@code s3://bucket/prefix?...} (needs
     * artifacts-s3 on the class path). Local stores default to {@code <data dir>/artifacts/}.
     * Options named {@code artifacts.<name>} (e.g. {@code artifacts.secretKey}) are passed to the
     * artifact store, so credentials need not sit in the URI.
     */
    public Builder artifacts(String uri) {
      this.artifactsUri = uri;
      return this;
    }

    /**
     * Where the secret keys come from. Default: the local backend uses (and on first open
     * creates) {@code <data dir>/master.key}; a backend without a data directory has no key, so
     * secret values and API keys are refused until one is configured.
     */
    public Builder keyProvider(dev.agentstore.secret.KeyProvider provider) {
      this.keyProvider = provider;
      return this;
    }

    /** The store URI (default {@code local:}). */
    public Builder uri(String value) {
      this.uri = value;
      return this;
    }

    /** A backend option, e.g. {@code poolSize}. */
    public Builder option(String name, String value) {
      options.put(name, value);
      return this;
    }

    /** The largest accepted document (spec + status + metadata), 4 MiB by default. */
    public Builder maxDocumentBytes(int bytes) {
      if (bytes < 1024) {
        throw new InvalidArgumentException("maxDocumentBytes: must be at least 1024, got " + bytes);
      }
      this.maxDocumentBytes = bytes;
      return this;
    }

    /** How long a page token stays valid (24 hours by default). */
    public Builder pageTokenTtl(Duration ttl) {
      if (ttl == null || ttl.isNegative() || ttl.isZero()) {
        throw new InvalidArgumentException("pageTokenTtl: must be positive");
      }
      this.pageTokenTtl = ttl;
      return this;
    }

    /**
     * Resources of {@code kind} not updated for {@code olderThan} are deleted by
     * {@link AgentStore#maintenance()}'s {@code run()} (at least a minute; at most one
     * retention per kind, the last given wins). No kind has one by default. A declared kind
     * ({@code definition.kind()}) must be one the store holds, else the open is refused. Usage:
     * {@code AgentStore.builder().retention(Kind.AGENT_EXECUTION, Duration.ofDays(90))}.
     */
    public Builder retention(Kind kind, Duration olderThan) {
      if (kind == null || (kind.isBuiltIn() && !Kind.resourceKinds().contains(kind))) {
        throw new InvalidArgumentException("retention", "needs a resource kind, got " + kind);
      }
      this.retention.put(kind, requireRetention("retention of " + kind.kindName(), olderThan));
      return this;
    }

    /**
     * History entries older than {@code olderThan} are pruned by {@link AgentStore#maintenance()}'s
     * {@code run()} (each resource keeps its latest entry; at least a minute). Default: kept.
     */
    public Builder historyRetention(Duration olderThan) {
      this.historyRetention = requireRetention("historyRetention", olderThan);
      return this;
    }

    private static Duration requireRetention(String what, Duration d) {
      if (d == null || d.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new InvalidArgumentException(what, "must be at least one minute, got " + d);
      }
      return d;
    }

    /** The clock for timestamps (tests use a fixed one). */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** The actor recorded for writes (default {@link AgentStore#SYSTEM_ACTOR}; 1-255 characters). */
    public Builder actor(String value) {
      this.actor = Actors.require(value);
      return this;
    }

    /**
     * A new builder with every setting of this one, to open the same store again with some
     * settings changed (the two builders change independently). Usage:
     * {@code AgentStore second = builder.copy().kind(trigger).open();}
     */
    public Builder copy() {
      Builder b = new Builder();
      b.uri = uri;
      b.options.putAll(options);
      b.maxDocumentBytes = maxDocumentBytes;
      b.pageTokenTtl = pageTokenTtl;
      b.clock = clock;
      b.actor = actor;
      b.artifactsUri = artifactsUri;
      b.keyProvider = keyProvider;
      b.editRetries = editRetries;
      b.transactionRetries = transactionRetries;
      b.observer = observer;
      b.retention.putAll(retention);
      b.historyRetention = historyRetention;
      b.kinds.putAll(kinds);
      return b;
    }

    /** Opens the store; migrations run before this returns. */
    public AgentStore open() {
      // The opener reads a snapshot, not the builder: the builder shows users setters only.
      return StoreOpener.open(new StoreSettings(uri, options, maxDocumentBytes, pageTokenTtl,
          clock, actor, artifactsUri, keyProvider, editRetries, transactionRetries, observer,
          retention, historyRetention, List.copyOf(kinds.values())));
    }
  }
}
