package dev.agentstore.bench;

import java.util.List;

/**
 * A resource table as the raw baselines address it: its name and the indexed columns it has
 * beyond the envelope, in the order the migrations (and so jOOQ's generated model) declare them.
 *
 * <p>Usage: {@code RawTable.AGENTS.name()}
 *
 * @param name the table
 * @param extras extra columns between {@code status} and {@code created_at}
 */
record RawTable(String name, List<String> extras) {
  /** {@code agents}: no extra columns. */
  static final RawTable AGENTS = new RawTable("agents", List.of());
  /** {@code agent_executions}: phase, session_id, agent_id. */
  static final RawTable AGENT_EXECUTIONS =
      new RawTable("agent_executions", List.of("phase", "session_id", "agent_id"));
}
