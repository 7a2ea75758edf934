package dev.agentstore;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of resource agentstore stores, with the id prefix each kind's ids carry. How a
 * backend lays them out (tables, columns) is the backend's business, not part of this enum.
 *
 * <p>Usage: {@code Kind k = Kind.fromId("agt-01hx...").orElseThrow();}
 */
public enum Kind {
  ORGANIZATION("Organization", "org", Scope.PLATFORM, List.of()),
  IDENTITY_ACCOUNT("IdentityAccount", "ida", Scope.ORG, List.of()),
  API_KEY("ApiKey", "key", Scope.ORG, List.of(RefField.KEY_HASH)),
  IAM_POLICY("IamPolicy", "iamp", Scope.ORG, List.of()),
  AGENT("Agent", "agt", Scope.ORG, List.of()),
  AGENT_INSTANCE("AgentInstance", "ain", Scope.ORG, List.of(RefField.AGENT_ID)),
  WORKFLOW("Workflow", "wfl", Scope.ORG, List.of()),
  WORKFLOW_INSTANCE(
      "WorkflowInstance", "win", Scope.ORG, List.of(RefField.WORKFLOW_ID)),
  SESSION("Session", "ses", Scope.ORG, List.of(RefField.AGENT_INSTANCE_ID)),
  SKILL("Skill", "skl", Scope.ORG, List.of()),
  MCP_SERVER("McpServer", "mcp", Scope.ORG, List.of()),
  ENVIRONMENT("Environment", "env", Scope.ORG, List.of()),
  EXECUTION_CONTEXT(
      "ExecutionContext", "exec", Scope.ORG, List.of(RefField.EXECUTION_ID)),
  AGENT_EXECUTION(
      "AgentExecution",
      "aex",
      Scope.ORG,
      List.of(RefField.SESSION_ID, RefField.AGENT_ID)),
  WORKFLOW_EXECUTION(
      "WorkflowExecution",
      "wex",
      Scope.ORG,
      List.of(RefField.WORKFLOW_INSTANCE_ID, RefField.WORKFLOW_ID)),
  /** History rows; not a repository of its own (see {@code store.history()}). */
  API_RESOURCE_VERSION(
      "ApiResourceVersion", "ver", Scope.HISTORY, List.of());

  /** Where a kind lives: above all orgs, inside one org, or in the history table. */
  public enum Scope {
    PLATFORM,
    ORG,
    HISTORY
  }

  private final String kindName;
  private final String prefix;
  private final Scope scope;
  private final List<RefField> refFields;

  Kind(String kindName, String prefix, Scope scope, List<RefField> refFields) {
    this.kindName = kindName;
    this.prefix = prefix;
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
