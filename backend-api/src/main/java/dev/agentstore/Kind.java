package dev.agentstore;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of resource agentstore stores, with the id prefix each of its ids carries: one of the
 * built-in kinds below, or an application's own kind declared by a {@link KindDefinition}. How a
 * backend lays kinds out (tables, columns) is the backend's business, not part of this class.
 *
 * <p>Two kinds are equal when their qualified {@link #name() names} are: the built-in constants
 * are the only instances of theirs, and a declared kind compares by group and name.
 *
 * <p>Usage: {@code Kind k = Kind.fromId("agt-01hx...").orElseThrow();}
 */
public final class Kind {
  /** The group of the built-in kinds. */
  public static final String BUILT_IN_GROUP = "agentstore.dev";

  public static final Kind ORGANIZATION =
      new Kind("ORGANIZATION", "Organization", "org", Scope.PLATFORM, List.of());
  public static final Kind IDENTITY_ACCOUNT =
      new Kind("IDENTITY_ACCOUNT", "IdentityAccount", "ida", Scope.ORG, List.of());
  public static final Kind API_KEY =
      new Kind("API_KEY", "ApiKey", "key", Scope.ORG, List.of(RefField.KEY_HASH));
  public static final Kind IAM_POLICY =
      new Kind("IAM_POLICY", "IamPolicy", "iamp", Scope.ORG, List.of());
  public static final Kind AGENT = new Kind("AGENT", "Agent", "agt", Scope.ORG, List.of());
  public static final Kind AGENT_INSTANCE = new Kind("AGENT_INSTANCE", "AgentInstance", "ain",
      Scope.ORG, List.of(RefField.AGENT_ID));
  public static final Kind WORKFLOW =
      new Kind("WORKFLOW", "Workflow", "wfl", Scope.ORG, List.of());
  public static final Kind WORKFLOW_INSTANCE = new Kind("WORKFLOW_INSTANCE", "WorkflowInstance",
      "win", Scope.ORG, List.of(RefField.WORKFLOW_ID));
  public static final Kind SESSION = new Kind("SESSION", "Session", "ses", Scope.ORG,
      List.of(RefField.AGENT_INSTANCE_ID));
  public static final Kind SKILL = new Kind("SKILL", "Skill", "skl", Scope.ORG, List.of());
  public static final Kind MCP_SERVER =
      new Kind("MCP_SERVER", "McpServer", "mcp", Scope.ORG, List.of());
  public static final Kind ENVIRONMENT =
      new Kind("ENVIRONMENT", "Environment", "env", Scope.ORG, List.of());
  public static final Kind EXECUTION_CONTEXT = new Kind("EXECUTION_CONTEXT", "ExecutionContext",
      "exec", Scope.ORG, List.of(RefField.EXECUTION_ID));
  public static final Kind AGENT_EXECUTION = new Kind("AGENT_EXECUTION", "AgentExecution", "aex",
      Scope.ORG, List.of(RefField.SESSION_ID, RefField.AGENT_ID));
  public static final Kind WORKFLOW_EXECUTION = new Kind("WORKFLOW_EXECUTION",
      "WorkflowExecution", "wex", Scope.ORG,
      List.of(RefField.WORKFLOW_INSTANCE_ID, RefField.WORKFLOW_ID));
  /** History rows; not a repository of its own (see {@code store.history()}). */
  public static final Kind API_RESOURCE_VERSION = new Kind("API_RESOURCE_VERSION",
      "ApiResourceVersion", "ver", Scope.HISTORY, List.of());

  private static final List<Kind> BUILT_IN = List.of(ORGANIZATION, IDENTITY_ACCOUNT, API_KEY,
      IAM_POLICY, AGENT, AGENT_INSTANCE, WORKFLOW, WORKFLOW_INSTANCE, SESSION, SKILL, MCP_SERVER,
      ENVIRONMENT, EXECUTION_CONTEXT, AGENT_EXECUTION, WORKFLOW_EXECUTION, API_RESOURCE_VERSION);
  private static final List<Kind> BUILT_IN_RESOURCES =
      BUILT_IN.stream().filter(k -> k.scope != Scope.HISTORY).toList();

  /** Where a kind lives: above all orgs, inside one org, or in the history table. */
  public enum Scope {
    PLATFORM,
    ORG,
    HISTORY
  }

  private final String name;
  private final String group;
  private final String kindName;
  private final String prefix;
  private final Scope scope;
  private final List<RefField> refFields;
  private final KindDefinition definition;

  private Kind(String name, String kindName, String prefix, Scope scope,
      List<RefField> refFields) {
    this.name = name;
    this.group = BUILT_IN_GROUP;
    this.kindName = kindName;
    this.prefix = prefix;
    this.scope = scope;
    this.refFields = refFields;
    this.definition = null;
  }

  /** A declared kind; only {@link KindDefinition.Builder#build()} makes one. */
  Kind(KindDefinition definition) {
    this.name = definition.group() + "/" + definition.kindName();
    this.group = definition.group();
    this.kindName = definition.kindName();
    this.prefix = definition.idPrefix();
    this.scope = Scope.ORG;
    this.refFields = List.of();
    this.definition = definition;
  }

  /**
   * The qualified name: the constant's name for a built-in kind ({@code AGENT_EXECUTION}),
   * {@code group/Kind} for a declared one ({@code swarm.dev/Trigger}). History rows record it.
   */
  public String name() {
    return name;
  }

  /** The kind's group: {@value #BUILT_IN_GROUP} for built-in kinds, the declaring application's otherwise. */
  public String group() {
    return group;
  }

  /** The name used in the {@code kind} field of the JSON envelope, e.g. {@code AgentExecution}. */
  public String kindName() {
    return kindName;
  }

  /** The {@code apiVersion} written in the JSON envelope, e.g. {@code agentstore.dev/v1}. */
  public String apiVersion() {
    return isBuiltIn() ? Resource.API_VERSION : group + "/v1";
  }

  /** The id prefix, e.g. {@code agt}. */
  public String prefix() {
    return prefix;
  }

  /** Where this kind lives. */
  public Scope scope() {
    return scope;
  }

  /** The spec reference fields kept as real, indexed columns for this kind. */
  public List<RefField> refFields() {
    return refFields;
  }

  /** Whether this kind is an execution with a phase and appendable history. */
  public boolean isExecution() {
    return this == AGENT_EXECUTION || this == WORKFLOW_EXECUTION;
  }

  /** Whether this is one of agentstore's own kinds (not an application's declared kind). */
  public boolean isBuiltIn() {
    return definition == null;
  }

  /** The definition of a declared kind; empty for built-in kinds. */
  public Optional<KindDefinition> definition() {
    return Optional.ofNullable(definition);
  }

  /** Every built-in kind, the history rows included, in a fixed order. */
  public static List<Kind> values() {
    return BUILT_IN;
  }

  /** The built-in kinds that have a repository (every built-in kind but the history rows). */
  public static List<Kind> resourceKinds() {
    return BUILT_IN_RESOURCES;
  }

  /** The built-in kind with this constant name ({@code AGENT_EXECUTION}). */
  public static Kind valueOf(String name) {
    for (Kind k : BUILT_IN) {
      if (k.name.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no built-in kind " + name);
  }

  /** The built-in kind whose ids carry the prefix of {@code id}, if any. */
  public static Optional<Kind> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    int dash = id.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    String p = id.substring(0, dash);
    return BUILT_IN.stream().filter(k -> k.prefix.equals(p)).findFirst();
  }

  /** The built-in kind with this envelope name ({@code Agent}) or constant name ({@code AGENT}). */
  public static Kind fromName(String name) {
    if (name != null) {
      for (Kind k : BUILT_IN) {
        if (k.kindName.equals(name) || k.name.equals(name.toUpperCase(Locale.ROOT))) {
          return k;
        }
      }
    }
    throw new InvalidArgumentException("kind: unknown kind '" + name + "'");
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Kind k && k.name.equals(name));
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** The qualified name. */
  @Override
  public String toString() {
    return name;
  }
}
