package dev.agentstore;

import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ToolCall;
import java.util.List;

/**
 * Agent executions: messages and tool calls are appended as child rows, so an append costs the
 * same whether the execution holds ten messages or ten thousand.
 *
 * <p>Usage: {@code store.agentExecutions().appendMessages(id, AgentMessage.of(MessageType.AI, "hi", now));}
 */
public interface AgentExecutionRepository extends ExecutionRepository<AgentExecution> {

  /** Appends messages to {@code status.messages}; returns the new resource version. */
  long appendMessages(String id, AgentMessage... messages);

  /** Appends messages to {@code status.messages}; returns the new resource version. */
  long appendMessages(String id, List<AgentMessage> messages);

  /** Inserts or replaces (by id) a tool call in {@code status.toolCalls}; returns the new version. */
  long upsertToolCall(String id, ToolCall toolCall);

  /** The executions of a session. */
  Page<AgentExecution> listBySession(String sessionId, Query query);
}
