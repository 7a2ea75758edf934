package dev.agentstore.internal;

import dev.agentstore.AgentExecutionRepository;
import dev.agentstore.CollectionItem;
import dev.agentstore.ExecutionItems;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.ResourceType;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ToolCall;
import java.util.Arrays;
import java.util.List;

/**
 * Agent executions: messages appended and tool calls upserted as child rows.
 *
 * <p>Usage: {@code store.agentExecutions().appendMessages(id, msg)}
 */
final class AgentExecutions
    extends ExecutionRepo<AgentExecution, AgentExecutionSpec, AgentExecutionStatus>
    implements AgentExecutionRepository {

  AgentExecutions(View view) {
    super(ResourceType.AGENT_EXECUTION, view);
  }

  @Override
  public long appendMessages(String id, AgentMessage... messages) {
    return appendMessages(id, messages == null ? null : Arrays.asList(messages));
  }

  @Override
  public long appendMessages(String id, List<AgentMessage> messages) {
    return append(id, ExecutionCollections.MESSAGES, messages);
  }

  @Override
  public CollectionItem<AgentMessage> appendMessage(String id, String key, AgentMessage message) {
    return appendKeyed(id, ExecutionCollections.MESSAGES, key, message, AgentMessage.class);
  }

  @Override
  public List<CollectionItem<AgentMessage>> messages(String id, long afterSequence, int limit) {
    return itemsAfter(id, ExecutionCollections.MESSAGES, afterSequence, limit,
        AgentMessage.class);
  }

  @Override
  public long upsertToolCall(String id, ToolCall toolCall) {
    return upsert(id, ExecutionCollections.TOOL_CALLS, toolCall);
  }

  @Override
  public List<CollectionItem<ToolCall>> toolCalls(String id, long afterSequence, int limit) {
    return itemsAfter(id, ExecutionCollections.TOOL_CALLS, afterSequence, limit,
        ToolCall.class);
  }

  @Override
  public ExecutionItems<ToolCall> toolCallsAcross() {
    return new ItemsAcross<>(view, kind, ExecutionCollections.TOOL_CALLS, ToolCall.class);
  }

  @Override
  public ExecutionItems<AgentMessage> messagesAcross() {
    return new ItemsAcross<>(view, kind, ExecutionCollections.MESSAGES, AgentMessage.class);
  }

  @Override
  public Page<AgentExecution> listBySession(String sessionId, Query query) {
    Ids.require(sessionId, Kind.SESSION, "sessionId");
    Query q = query == null ? Query.all() : query;
    return list(q.toBuilder().ref(RefField.SESSION_ID, sessionId).build());
  }
}
