package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import dev.agentstore.RefField;

/**
 * The SQL names behind the public enums: the table of each kind and the column of each reference
 * field. They are storage details, so they live here and not on {@link Kind} or
 * {@link RefField}. The switches have no default: a new constant does not compile until mapped.
 *
 * <p>Usage: {@code Table<?> t = schema.getTable(SqlNames.table(Kind.AGENT));}
 */
public final class SqlNames {
  private SqlNames() {}

  /** The table that stores {@code kind}, e.g. {@code agent_executions}. */
  public static String table(Kind kind) {
    return switch (kind.name()) {
      case "ORGANIZATION" -> "organizations";
      case "IDENTITY_ACCOUNT" -> "identity_accounts";
      case "API_KEY" -> "api_keys";
      case "IAM_POLICY" -> "iam_policies";
      case "AGENT" -> "agents";
      case "AGENT_INSTANCE" -> "agent_instances";
      case "WORKFLOW" -> "workflows";
      case "WORKFLOW_INSTANCE" -> "workflow_instances";
      case "SESSION" -> "sessions";
      case "SKILL" -> "skills";
      case "MCP_SERVER" -> "mcp_servers";
      case "ENVIRONMENT" -> "environments";
      case "EXECUTION_CONTEXT" -> "execution_contexts";
      case "AGENT_EXECUTION" -> "agent_executions";
      case "WORKFLOW_EXECUTION" -> "workflow_executions";
      case "API_RESOURCE_VERSION" -> "api_resource_versions";
      default -> declaredTable(kind);
    };
  }

  /**
   * The table of a declared kind: {@code ck_} and its id prefix, which is unique among kinds and
   * short enough for every database's identifier limit.
   */
  static String declaredTable(Kind kind) {
    if (kind.isBuiltIn()) {
      throw new IllegalStateException("built-in kind " + kind + " has no table name");
    }
    return "ck_" + kind.prefix();
  }

  /**
   * The join table holding one row per environment an instance of {@code kind} lists in
   * {@code spec.environmentRefs} (instance_id, environment_id, org), or null for other kinds.
   */
  public static String environmentRefTable(Kind kind) {
    return switch (kind.name()) {
      case "AGENT_INSTANCE" -> "agent_instance_environments";
      case "WORKFLOW_INSTANCE" -> "workflow_instance_environments";
      default -> null;
    };
  }

  /** The column that holds {@code field} in the tables of the kinds that index it. */
  public static String column(RefField field) {
    return switch (field) {
      case SESSION_ID -> "session_id";
      case AGENT_ID -> "agent_id";
      case AGENT_INSTANCE_ID -> "agent_instance_id";
      case WORKFLOW_ID -> "workflow_id";
      case WORKFLOW_INSTANCE_ID -> "workflow_instance_id";
      case EXECUTION_ID -> "execution_id";
      case KEY_HASH -> "key_hash";
    };
  }
}
