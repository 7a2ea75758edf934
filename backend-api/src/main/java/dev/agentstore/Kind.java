package dev.agentstore;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of resource agentstore stores, one table each, with the id prefix each kind's ids carry.
 *
 * <p>Usage: {@code Kind k = Kind.fromId("agt-01hx...").orElseThrow();}
 */
public enum Kind {
  ORGANIZATION("Organization", "org", "organizations", Scope.PLATFORM, List.of()),
  IDENTITY_ACCOUNT("IdentityAccount", "ida", "identity_accounts", Scope.ORG, List.of()),
  API_KEY("ApiKey", "key", "api_keys", Scope.ORG, List.of(RefField.KEY_HASH)),
  IAM_POLICY("IamPolicy", "iamp", "iam_policies", Scope.ORG, List.of()),
  AGENT("Agent", "agt", "agents", Scope.ORG, List.of()),
  AGENT_INSTANCE("AgentInstance", "ain", "agent_instances", Scope.ORG, List.of(RefField.AGENT_ID)),
  WORKFLOW("Workflow", "wfl", "workflows", Scope.ORG, List.of()),
  WORKFLOW_INSTANCE(
      "WorkflowInstance", "win", "workflow_instances", Scope.ORG, List.of(RefField.WORKFLOW_ID)),
  SESSION("Session", "ses", "sessions", Scope.ORG, List.of(RefField.AGENT_INSTANCE_ID)),
  SKILL("Skill", "skl", "skills", Scope.ORG, List.of()),
  MCP_SERVER("McpServer", "mcp", "mcp_servers", Scope.ORG, List.of()),
  ENVIRONMENT("Environment", "env", "environments", Scope.ORG, List.of()),
  EXECUTION_CONTEXT(
      "ExecutionContext", "exec", "execution_contexts", Scope.ORG, List.of(RefField.EXECUTION_ID)),
  AGENT_EXECUTION(
      "AgentExecution",
      "aex",
      "agent_executions",
      Scope.ORG,
      List.of(RefField.SESSION_ID, RefField.AGENT_ID)),
  WORKFLOW_EXECUTION(
      "WorkflowExecution",
      "wex",
      "workflow_executions",
      Scope.ORG,
      List.of(RefField.WORKFLOW_INSTANCE_ID, RefField.WORKFLOW_ID)),
  /** History rows; not a repository of its own (see {@code store.history()}). */
  API_RESOURCE_VERSION(
      "ApiResourceVersion", "ver", "api_resource_versions", Scope.HISTORY, List.of());

  /** Where a kind lives: above all orgs, inside one org, or in the history table. */
  public enum Scope {
    PLATFORM,
    ORG,
    HISTORY
  }

  private final String kindName;
  private final String prefix;
  private final String table;
  private final Scope scope;
  private final List<RefField> refFields;

  Kind(String kindName, String prefix, String table, Scope scope, List<RefField> refFields) {
    this.kindName = kindName;
    this.prefix = prefix;
    this.table = table;
    this.scope = scope;
    this.refFields = refFields;
  }

  /** The name used in the {@code kind} field of the JSON envelope, e.g. {@code AgentExecution}. */
  public String kindName() {
    return kindName;
  }

  /** The id prefix, e.g. {@code agt}. */
  public String prefix() {
    return prefix;
  }

  /** The table that stores this kind. */
  public String table() {
    return table;
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

  /** The kinds that have a repository (every kind but the history rows). */
  public static List<Kind> resourceKinds() {
    return Arrays.stream(values()).filter(k -> k.scope != Scope.HISTORY).toList();
  }

  /** The kind whose ids carry the prefix of {@code id}, if any. */
  public static Optional<Kind> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    int dash = id.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    String p = id.substring(0, dash);
    return Arrays.stream(values()).filter(k -> k.prefix.equals(p)).findFirst();
  }

  /** The kind with this envelope name ({@code Agent}) or enum name ({@code AGENT}). */
  public static Kind fromName(String name) {
    if (name != null) {
      for (Kind k : values()) {
        if (k.kindName.equals(name) || k.name().equals(name.toUpperCase(Locale.ROOT))) {
          return k;
        }
      }
    }
    throw new InvalidArgumentException("kind: unknown kind '" + name + "'");
  }
}
