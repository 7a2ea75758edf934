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

  /**
   * Appends one message under an idempotency key and returns it as stored, with its sequence.
   * A retry under a key the execution already holds appends nothing and returns the message
   * stored first under it (even when the body differs, and after the execution finished); a
   * null key appends every time. Keys are 1 to 255 characters without control characters.
   */
  CollectionItem<AgentMessage> appendMessage(String id, String key, AgentMessage message);

  /**
   * Up to {@code limit} (1 to 1000) messages with a sequence above {@code afterSequence}, in
   * order, each with its sequence and idempotency key; page on with the last sequence.
   */
  List<CollectionItem<AgentMessage>> messages(String id, long afterSequence, int limit);

  /** Inserts or replaces (by id) a tool call in {@code status.toolCalls}; returns the new version. */
  long upsertToolCall(String id, ToolCall toolCall);

  /**
   * Up to {@code limit} tool calls with a sequence above {@code afterSequence}, in order of first
   * upsert; each item's key is the tool call's id (an upsert keeps the sequence).
   */
  List<CollectionItem<ToolCall>> toolCalls(String id, long afterSequence, int limit);

  /**
   * The tool calls of every execution this repository's view sees, listed, counted and
   * aggregated across executions with filters on the tool calls ({@code status}, {@code name},
   * {@code startedAt} range, error present, any other field) and on the executions (see
   * {@link ExecutionItemQuery}).
   */
  ExecutionItems<ToolCall> toolCallsAcross();

  /**
   * The messages of every execution this repository's view sees, across executions ({@code
   * type} and the {@code timestamp} range are indexed).
   */
  ExecutionItems<AgentMessage> messagesAcross();

  /** The executions of a session. */
  Page<AgentExecution> listBySession(String sessionId, Query query);
}
