package dev.agentstore.internal;

import dev.agentstore.AgentExecutionRepository;
import dev.agentstore.AgentStore;
import dev.agentstore.ApiKeyRepository;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.CustomResourceRepository;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.Maintenance;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.ResourceType;
import dev.agentstore.UpdatableRepository;
import dev.agentstore.TransactionCallback;
import dev.agentstore.WorkflowExecutionRepository;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.history.ChangeFeed;
import dev.agentstore.history.History;
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
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.secret.Secrets;
import dev.agentstore.spi.Backend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link AgentStore} facade: one view (org, actor, transaction) over a shared core.
 *
 * <p>Usage: {@code AgentStore s = new DefaultAgentStore(view); s.forOrg(org).agents().list(q);}
 */
public final class DefaultAgentStore implements AgentStore {
  private static final int MAX_MESSAGE = 4096;
  private final View view;
  private final boolean root;
  private final Map<Kind, Repo<?, ?, ?>> repos = new LinkedHashMap<>();
  /** What the accessors hand out: the repositories, or their observed proxies (see Observed). */
  private final Map<Kind, Object> exposed = new java.util.concurrent.ConcurrentHashMap<>();
  private final AgentExecutionRepository agentExecutions;
  private final WorkflowExecutionRepository workflowExecutions;
  private final History history;
  private final ChangeFeed changes;
  private final ApiKeyRepository apiKeys;
  private final Secrets secrets;
  private final Maintenance maintenance;

  /** The view this facade wraps (a copy reaches both stores' cores through it). */
  View view() {
    return view;
  }

  DefaultAgentStore(View view, boolean root) {
    this.view = view;
    this.root = root;
    StoreObserver observer = view.core().observer;
    AgentExecutions agentExecs = new AgentExecutions(view);
    WorkflowExecutions workflowExecs = new WorkflowExecutions(view);
    HistoryService historyService = new HistoryService(view);
    repos.put(Kind.AGENT_EXECUTION, agentExecs);
    repos.put(Kind.WORKFLOW_EXECUTION, workflowExecs);
    ApiKeyRepo keys = new ApiKeyRepo(view);
    repos.put(Kind.API_KEY, keys);
    for (Kind k : Kind.resourceKinds()) {
      repos.computeIfAbsent(k, kind -> new Repo<>(ResourceType.of(kind), view));
    }
    for (KindDefinition d : view.core().kinds.values()) {
      repos.put(d.kind(), untyped(d.kind()));
    }
    repos.forEach((k, r) -> exposed.put(k, Observed.wrap(r, observedName(k), observer,
        k.isBuiltIn() ? ResourceRepository.class : CustomResourceRepository.class)));
    this.agentExecutions = (AgentExecutionRepository) Observed.wrap(agentExecs,
        Kind.AGENT_EXECUTION.kindName(), observer, AgentExecutionRepository.class);
    this.workflowExecutions = (WorkflowExecutionRepository) Observed.wrap(workflowExecs,
        Kind.WORKFLOW_EXECUTION.kindName(), observer, WorkflowExecutionRepository.class);
    this.apiKeys = (ApiKeyRepository) Observed.wrap(keys, Kind.API_KEY.kindName(), observer,
        ApiKeyRepository.class);
    exposed.put(Kind.AGENT_EXECUTION, agentExecutions);
    exposed.put(Kind.WORKFLOW_EXECUTION, workflowExecutions);
    exposed.put(Kind.API_KEY, apiKeys);
    Object hist = Observed.wrap(historyService, "History", observer, History.class,
        ChangeFeed.class);
    this.history = (History) hist;
    this.changes = (ChangeFeed) hist;
    this.secrets = (Secrets) Observed.wrap(new SecretRotation(view, repos::get), "Secrets",
        observer, Secrets.class);
    this.maintenance = (Maintenance) Observed.wrap(new StoreMaintenance(view,
        k -> (UpdatableRepository<?>) exposed.get(k), history), "Maintenance", observer,
        Maintenance.class);
  }

  /**
   * The {@code kind} a metric or span names: a built-in kind's name ({@code Agent}), a declared
   * kind's {@code group/Kind}, so two applications' kinds of the same name stay apart.
   */
  private static String observedName(Kind k) {
    return k.isBuiltIn() ? k.kindName() : k.name();
  }

  /** The repository of a declared kind with spec and status as JSON objects. */
  private CustomRepo<ObjectNode, ObjectNode> untyped(Kind k) {
    return new CustomRepo<>(ResourceType.declared(k, ObjectNode.class, ObjectNode.class), view);
  }

  /**
   * What {@code exporter().to(out)} would return, without writing an archive or reading
   * artifacts' bytes ({@link dev.agentstore.Archives#verify}).
   */
  public dev.agentstore.ArchiveSummary archiveSummary() {
    return Portability.summarize(view);
  }

  /** The backend below this store (for the TCK's below-the-facade checks). */
  public Backend backend() {
    return view.core().backend;
  }

  @SuppressWarnings("unchecked")
  private <R extends Resource<?, ?>> ResourceRepository<R> repo(Kind kind) {
    return (ResourceRepository<R>) exposed.get(kind);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CustomResourceRepository<ObjectNode, ObjectNode> resources(KindDefinition kind) {
    // A kind an import or copy declared after this facade was made gets its repository here.
    return (CustomResourceRepository<ObjectNode, ObjectNode>) exposed.computeIfAbsent(
        declared(kind), k -> Observed.wrap(untyped(k), observedName(k), view.core().observer,
            CustomResourceRepository.class));
  }

  @Override
  public <S, T> CustomResourceRepository<S, T> resources(KindDefinition kind,
      Class<S> specClass, Class<T> statusClass) {
    Kind k = declared(kind);
    if (specClass == null || statusClass == null) {
      throw new InvalidArgumentException("specClass and statusClass: must not be null");
    }
    @SuppressWarnings("unchecked")
    CustomResourceRepository<S, T> typed = (CustomResourceRepository<S, T>)
        Observed.wrap(new CustomRepo<>(ResourceType.declared(k, specClass, statusClass), view),
            observedName(k), view.core().observer, CustomResourceRepository.class);
    return typed;
  }

  @Override
  public List<KindDefinition> kinds() {
    return List.copyOf(view.core().kinds.values());
  }

  /** The store's kind of {@code definition}; it must be the stored definition. */
  private Kind declared(KindDefinition definition) {
    if (definition == null) {
      throw new InvalidArgumentException("kind: must not be null");
    }
    KindDefinition held = view.core().kinds.get(definition.kind().name());
    if (held == null) {
      throw new InvalidArgumentException("kind: this store holds no kind "
          + definition.kind().name() + "; declare it with AgentStore.builder().kind(...)");
    }
    if (!held.equals(definition)) {
      throw new InvalidArgumentException("kind: the store holds another definition of "
          + definition.kind().name() + " (declared by another process); use store.kinds()"
          + " or reopen with this one");
    }
    return held.kind();
  }

  @Override
  public ResourceRepository<Organization> organizations() {
    return repo(Kind.ORGANIZATION);
  }

  @Override
  public ResourceRepository<IdentityAccount> identityAccounts() {
    return repo(Kind.IDENTITY_ACCOUNT);
  }

  @Override
  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  @Override
  public Secrets secrets() {
    return secrets;
  }

  @Override
  public ResourceRepository<IamPolicy> iamPolicies() {
    return repo(Kind.IAM_POLICY);
  }

  @Override
  public ResourceRepository<Agent> agents() {
    return repo(Kind.AGENT);
  }

  @Override
  public ResourceRepository<AgentInstance> agentInstances() {
    return repo(Kind.AGENT_INSTANCE);
  }

  @Override
  public ResourceRepository<Workflow> workflows() {
    return repo(Kind.WORKFLOW);
  }

  @Override
  public ResourceRepository<WorkflowInstance> workflowInstances() {
    return repo(Kind.WORKFLOW_INSTANCE);
  }

  @Override
  public ResourceRepository<Session> sessions() {
    return repo(Kind.SESSION);
  }

  @Override
  public ResourceRepository<Skill> skills() {
    return repo(Kind.SKILL);
  }

  @Override
  public ResourceRepository<McpServer> mcpServers() {
    return repo(Kind.MCP_SERVER);
  }

  @Override
  public ResourceRepository<Environment> environments() {
    return repo(Kind.ENVIRONMENT);
  }

  @Override
  public ResourceRepository<ExecutionContext> executionContexts() {
    return repo(Kind.EXECUTION_CONTEXT);
  }

  @Override
  public AgentExecutionRepository agentExecutions() {
    return agentExecutions;
  }

  @Override
  public WorkflowExecutionRepository workflowExecutions() {
    return workflowExecutions;
  }

  @Override
  public <R extends Resource<S, T>, S, T> ResourceRepository<R> repository(
      ResourceType<R, S, T> type) {
    if (type == null) {
      throw new InvalidArgumentException("type", "required");
    }
    if (type.kind() == Kind.API_KEY) {
      throw new InvalidArgumentException("type", "API keys are made by apiKeys().issue(...),"
          + " which returns the plaintext once; use apiKeys() to read, update and delete them");
    }
    return repo(type.kind());
  }

  @Override
  public History history() {
    return history;
  }

  @Override
  public Maintenance maintenance() {
    return maintenance;
  }

  @Override
  public List<dev.agentstore.SchemaMigration> schemaMigrations() {
    return view.core().backend.schemaMigrations();
  }

  @Override
  public ChangeFeed changes() {
    return changes;
  }

  @Override
  public dev.agentstore.Exporter exporter() {
    return Portability.exporter(view);
  }

  @Override
  public dev.agentstore.Importer importer() {
    return Portability.importer(view);
  }

  @Override
  public ArtifactStore artifacts() {
    ArtifactStore a = view.core().artifacts;
    if (a == null) {
      throw new FailedPreconditionException("no artifact store is configured for this store;"
          + " set artifacts=file:/path or artifacts=s3://bucket/prefix when opening it");
    }
    return a;
  }

  @Override
  public <T, X extends Exception> T inTransaction(TransactionCallback<T, X> work) throws X {
    return transaction(work, false);
  }

  @Override
  public <T, X extends Exception> T readTransaction(TransactionCallback<T, X> work) throws X {
    return transaction(work, true);
  }

  /**
   * Runs {@code work} in a new transaction, or in this view's open one (joining it). A checked
   * exception crosses the backend's unchecked {@code Work} inside a {@link CheckedFailure}, which
   * rolls back like any exception, and is rethrown unchanged.
   */
  private <T, X extends Exception> T transaction(TransactionCallback<T, X> work,
      boolean readOnly) throws X {
    if (work == null) {
      throw new InvalidArgumentException("work", "required");
    }
    if (!view.runner().ownsTransactions()) {
      return work.run(this); // already inside one: join it
    }
    StoreObserver observer = view.core().observer;
    if (observer == null) {
      return runTransaction(work, readOnly);
    }
    StoreObserver.Operation op = observer.start("Store",
        readOnly ? "readTransaction" : "inTransaction");
    Throwable failure = null;
    try {
      return runTransaction(work, readOnly);
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      op.end(failure);
    }
  }

  private <T, X extends Exception> T runTransaction(TransactionCallback<T, X> work,
      boolean readOnly) throws X {
    Backend.Work<T> bound = tx -> {
      TxRunner.Bound runner = new TxRunner.Bound(tx, readOnly);
      view.core().openTransaction.set(runner);
      try {
        return work.run(new DefaultAgentStore(view.withRunner(runner), false));
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new CheckedFailure(e);
      } finally {
        runner.end();
        view.core().openTransaction.remove();
      }
    };
    try {
      return readOnly ? view.runner().read(bound) : view.runner().transaction(bound);
    } catch (CheckedFailure f) {
      throw f.<X>checked();
    }
  }

  /** Carries the checked exception of a transaction's work out through the backend. */
  private static final class CheckedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckedFailure(Exception cause) {
      super(cause.getMessage(), cause, false, false);
    }

    /** The work declared {@code X}, so its only checked exceptions are of type {@code X}. */
    @SuppressWarnings("unchecked")
    <X extends Exception> X checked() {
      return (X) getCause();
    }
  }

  @Override
  public AgentStore forOrg(String org) {
    Ids.require(org, Kind.ORGANIZATION, "org");
    if (view.org() != null && !view.org().equals(org)) {
      throw new InvalidArgumentException("org: this view is limited to " + view.org()
          + " and cannot widen to " + org);
    }
    return new DefaultAgentStore(view.withOrg(org), false);
  }

  @Override
  public AgentStore as(String actor) {
    return new DefaultAgentStore(view.withActor(Actors.require(actor)), false);
  }

  @Override
  public AgentStore withMessage(String message) {
    if (message == null || message.isBlank() || message.length() > MAX_MESSAGE) {
      throw new InvalidArgumentException("message: must be 1-" + MAX_MESSAGE
          + " characters, not blank");
    }
    Json.checkString(message, "message");
    return new DefaultAgentStore(view.withMessage(message), false);
  }

  @Override
  public String message() {
    return view.message();
  }

  @Override
  public String actor() {
    return view.actor();
  }

  @Override
  public String org() {
    return view.org();
  }

  @Override
  public void close() {
    if (root) {
      try {
        view.core().subscriptions.closeAll();
        if (view.core().artifacts != null) {
          view.core().artifacts.close();
        }
      } finally {
        view.core().backend.close();
      }
    }
  }

  @Override
  public String toString() {
    return "AgentStore[org=" + view.org() + ", actor=" + view.actor() + "]";
  }
}
