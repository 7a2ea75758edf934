package dev.agentstore.internal;

import dev.agentstore.Kind;
import java.util.List;

/**
 * The status collections of executions that are stored as child rows rather than inside the
 * status JSON, and the field that identifies an element for upserts.
 *
 * <p>Usage: {@code for (String c : ExecutionCollections.of(kind)) ...}
 */
public final class ExecutionCollections {
  /** Agent execution messages (append only). */
  public static final String MESSAGES = "messages";
  /** Agent execution tool calls (upserted by id). */
  public static final String TOOL_CALLS = "toolCalls";
  /** Workflow execution tasks (upserted by id). */
  public static final String TASKS = "tasks";

  private ExecutionCollections() {}

  /** The child-row collections of {@code kind} (empty for non-executions). */
  public static List<String> of(Kind kind) {
    if (kind == Kind.AGENT_EXECUTION) {
      return List.of(MESSAGES, TOOL_CALLS);
    }
    return kind == Kind.WORKFLOW_EXECUTION ? List.of(TASKS) : List.of();
  }

  /** Whether elements of {@code collection} are upserted by their {@code id} field. */
  public static boolean keyed(String collection) {
    return !MESSAGES.equals(collection);
  }
}
