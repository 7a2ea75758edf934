package dev.agentstore.tck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CustomResource;
import dev.agentstore.CustomResourceRepository;
import dev.agentstore.Metadata;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentInstance;
import dev.agentstore.model.AgentInstanceSpec;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.model.Session;
import dev.agentstore.model.SessionSpec;
import dev.agentstore.model.Workflow;
import dev.agentstore.model.WorkflowDocument;
import dev.agentstore.model.WorkflowExecution;
import dev.agentstore.model.WorkflowExecutionSpec;
import dev.agentstore.model.WorkflowInstance;
import dev.agentstore.model.WorkflowInstanceSpec;
import dev.agentstore.model.WorkflowSpec;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.Capabilities;
import dev.agentstore.spi.StoreBackends;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every TCK suite: the one hook a backend implements ({@link #newStoreBuilder()}),
 * a fresh store per test, and helpers that build small resource graphs.
 *
 * <p>Usage (in a backend's tests):
 * <pre>{@code
 * class LocalRepositoryTest extends RepositoryTck {
 *   @TempDir Path dir;
 *   protected AgentStore.Builder newStoreBuilder() {
 *     return AgentStore.builder().uri("local:" + dir.resolve("s" + System.nanoTime()));
 *   }
 * }
 * }</pre>
 */
public abstract class TckSupport {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private final List<AgentStore> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The store of the current test, opened fresh and empty before each test. */
  protected AgentStore store;

  /** The builder {@link #store} was opened with; open it again to reopen the same store. */
  protected AgentStore.Builder location;

  /**
   * The backend hook: a builder for a new, empty store location isolated from every other (a
   * new directory, a new database). Each call must return a new location; calling
   * {@code open()} on the same builder again must reopen the same data.
   */
  protected abstract AgentStore.Builder newStoreBuilder();

  @BeforeEach
  void openStore() {
    location = freshLocation();
    store = open(location);
  }

  /**
   * {@link #newStoreBuilder()} with the TCK's declared kind ({@code tck.dev/Widget}) registered,
   * as every suite's store has it, so the generic suites also run on an application-defined kind.
   */
  protected AgentStore.Builder freshLocation() {
    return newStoreBuilder().kind(Samples.WIDGET);
  }

  @AfterEach
  void closeStores() {
    RuntimeException first = null;
    for (AgentStore s : opened) {
      try {
        s.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    opened.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Opens {@code builder} and closes the store after the test. */
  protected AgentStore open(AgentStore.Builder builder) {
    AgentStore s = builder.open();
    opened.add(s);
    return s;
  }

  /**
   * Opens {@code builder} from {@code n} threads released together (processes racing to open
   * one store); fails with the first open that failed, else returns the stores, closed after
   * the test.
   */
  protected List<AgentStore> openAtOnce(AgentStore.Builder builder, int n) throws Exception {
    List<AgentStore> out = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Concurrently.run(n, thread -> out.add(open(builder)));
    return out;
  }

  /** The backend under the facade (for checks below the API). */
  protected static Backend backendOf(AgentStore s) {
    return StoreBackends.of(s);
  }

  /** The capabilities the backend of the current store declares. */
  protected Capabilities capabilities() {
    return backendOf(store).capabilities();
  }

  /** Skips the current test, naming the capability the backend did not declare. */
  protected void requireCapability(Capabilities.Feature feature) {
    Assumptions.assumeTrue(capabilities().has(feature),
        "skipped: the backend does not declare capability " + feature);
  }

  /** A name unique within the JVM run. */
  protected static String unique(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  /** The repository of the TCK's declared kind ({@code tck.dev/Widget}) in {@code s}, as JSON. */
  protected static CustomResourceRepository<ObjectNode, ObjectNode> widgets(AgentStore s) {
    return s.resources(Samples.WIDGET);
  }

  /**
   * Creates a widget (the TCK's declared kind) in {@code org} with a new unique code and the
   * given declared color, size and price (an exact decimal); it references no agent.
   */
  protected CustomResource<ObjectNode, ObjectNode> newWidget(AgentStore s, String org,
      String name, String color, long size, String price) {
    ObjectNode spec = Samples.widgetSpec(unique("code"), null).put("color", color)
        .put("size", size).put("price", new java.math.BigDecimal(price));
    return widgets(s).create(CustomResource.of(Samples.WIDGET, Metadata.of(org, name), spec));
  }

  /** Creates an organization. */
  protected Organization newOrg(AgentStore s) {
    String name = unique("org");
    return s.organizations().create(new Organization(Metadata.of(null, name),
        OrganizationSpec.builder().description("tck " + name).build(), null));
  }

  /** Creates an organization in {@link #store}. */
  protected Organization newOrg() {
    return newOrg(store);
  }

  /** Creates an agent in {@code org}. */
  protected Agent newAgent(AgentStore s, String org, String name) {
    return s.agents().create(new Agent(Metadata.of(org, name),
        AgentSpec.builder().description("tck agent").instructions("Be brief.").mcpServers(List
            .of()).skillRefs(List.of()).subAgents(List.of()).build(),
        null));
  }

  /** Creates an agent, an instance of it and a session on that instance. */
  protected Session newSession(AgentStore s, String org) {
    Agent a = newAgent(s, org, unique("agent"));
    AgentInstance i = s.agentInstances().create(new AgentInstance(
        Metadata.of(org, unique("instance")), AgentInstanceSpec.builder().agentId(a.id())
            .description("tck").environmentRefs(List.of()).build(),
        null));
    return s.sessions().create(new Session(Metadata.of(org, unique("session")),
        SessionSpec.builder().agentInstanceId(i.id()).subject("user-1").threadId("thread-1")
            .metadata(Map.of()).build(), null));
  }

  /** Creates an agent execution in a new session. */
  protected AgentExecution newAgentExecution(AgentStore s, String org) {
    Session session = newSession(s, org);
    String agentId = s.agentInstances().get(session.spec().agentInstanceId()).orElseThrow()
        .spec().agentId();
    return newAgentExecution(s, org, session.id(), agentId);
  }

  /** Creates an agent execution in {@code sessionId}. */
  protected AgentExecution newAgentExecution(AgentStore s, String org, String sessionId,
      String agentId) {
    return s.agentExecutions().create(new AgentExecution(Metadata.of(org, unique("run")),
        AgentExecutionSpec.builder().sessionId(sessionId).agentId(agentId).message("hello")
            .config(ExecutionConfig.builder().model("tck-model").build()).build(), null));
  }

  /** Creates a workflow, an instance of it and an execution of that instance. */
  protected WorkflowExecution newWorkflowExecution(AgentStore s, String org) {
    Workflow w = s.workflows().create(new Workflow(Metadata.of(org, unique("workflow")),
        WorkflowSpec.builder().description("tck").document(WorkflowDocument.builder().dsl("1.0.0")
            .namespace("tck").name("flow").version("1").build()).tasks(List.of())
            .build(), null));
    WorkflowInstance i = s.workflowInstances().create(new WorkflowInstance(
        Metadata.of(org, unique("winstance")), WorkflowInstanceSpec.builder().workflowId(w.id())
            .description("tck").environmentRefs(List.of()).build(),
        null));
    return s.workflowExecutions().create(new WorkflowExecution(Metadata.of(org, unique("wrun")),
        WorkflowExecutionSpec.builder().workflowInstanceId(i.id()).workflowId(w.id())
            .triggerMessage("go").build(), null));
  }
}
