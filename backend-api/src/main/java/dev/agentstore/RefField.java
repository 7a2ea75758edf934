package dev.agentstore;

/**
 * A spec field that references another resource (or identifies one) and is kept as a real,
 * indexed column so queries can filter on it.
 *
 * <p>Usage: {@code Query.builder().ref(RefField.SESSION_ID, sessionId).build()}
 */
public enum RefField {
  SESSION_ID("sessionId", "session_id", Kind.SESSION),
  AGENT_ID("agentId", "agent_id", Kind.AGENT),
  AGENT_INSTANCE_ID("agentInstanceId", "agent_instance_id", Kind.AGENT_INSTANCE),
  WORKFLOW_ID("workflowId", "workflow_id", Kind.WORKFLOW),
  WORKFLOW_INSTANCE_ID("workflowInstanceId", "workflow_instance_id", Kind.WORKFLOW_INSTANCE),
  /** An agent or workflow execution id. */
  EXECUTION_ID("executionId", "execution_id", null),
  /** The keyed hash of an API key (never the key). */
  KEY_HASH("keyHash", "key_hash", null);

  private final String specField;
  private final String column;
  private final Kind target;

  RefField(String specField, String column, Kind target) {
    this.specField = specField;
    this.column = column;
    this.target = target;
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
    return target;
  }
}
