package dev.agentstore;

/**
 * A spec field that references another resource (or identifies one) and is kept as a real,
 * indexed column so queries can filter on it.
 *
 * <p>Usage: {@code Query.builder().ref(RefField.SESSION_ID, sessionId).build()}
 */
public enum RefField {
  SESSION_ID("sessionId", "session_id"),
  AGENT_ID("agentId", "agent_id"),
  AGENT_INSTANCE_ID("agentInstanceId", "agent_instance_id"),
  WORKFLOW_ID("workflowId", "workflow_id"),
  WORKFLOW_INSTANCE_ID("workflowInstanceId", "workflow_instance_id"),
  /** An agent or workflow execution id. */
  EXECUTION_ID("executionId", "execution_id"),
  /** The keyed hash of an API key (never the key). */
  KEY_HASH("keyHash", "key_hash");

  private final String specField;
  private final String column;

  RefField(String specField, String column) {
    this.specField = specField;
    this.column = column;
  }

  /** The field name inside {@code spec}. */
  public String specField() {
    return specField;
  }

  /** The column name in the kind's table. */
  public String column() {
    return column;
  }

  /** The kind the id must belong to, or null when it is not a single-kind reference. */
  public Kind target() {
    // A switch, not a field: Kind and RefField refer to each other during class initialisation.
    return switch (this) {
      case SESSION_ID -> Kind.SESSION;
      case AGENT_ID -> Kind.AGENT;
      case AGENT_INSTANCE_ID -> Kind.AGENT_INSTANCE;
      case WORKFLOW_ID -> Kind.WORKFLOW;
      case WORKFLOW_INSTANCE_ID -> Kind.WORKFLOW_INSTANCE;
      case EXECUTION_ID, KEY_HASH -> null;
    };
  }
}
