package dev.agentstore;

/**
 * A spec field that references another resource (or identifies one) and is kept as a real,
 * indexed column so queries can filter on it (the backend names the column).
 *
 * <p>Usage: {@code Query.builder().ref(RefField.SESSION_ID, sessionId).build()}
 */
public enum RefField {
  SESSION_ID("sessionId"),
  AGENT_ID("agentId"),
  AGENT_INSTANCE_ID("agentInstanceId"),
  WORKFLOW_ID("workflowId"),
  WORKFLOW_INSTANCE_ID("workflowInstanceId"),
  /** An agent or workflow execution id. */
  EXECUTION_ID("executionId"),
  /** The keyed hash of an API key (never the key). */
  KEY_HASH("keyHash");

  private final String specField;

  RefField(String specField) {
    this.specField = specField;
  }

  /** The field name inside {@code spec}. */
  public String specField() {
    return specField;
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
