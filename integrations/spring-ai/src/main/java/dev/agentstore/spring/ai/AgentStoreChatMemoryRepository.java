package dev.agentstore.spring.ai;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Page;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.Session;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

/**
 * Spring AI's {@link ChatMemoryRepository} on agentstore, in one org (tenant): each conversation
 * is a {@code Session} (slug derived from the conversation id, {@code threadId} the id itself)
 * whose messages are the message items of one agent execution, in the order they were written
 * (the store's item sequence, never a timestamp). Every message type is kept whole: user
 * (with media), assistant (with tool calls and media), tool responses, system, and every
 * message's metadata. {@link #saveAll} replaces a conversation in one transaction;
 * {@link #append} adds to one without reading it (what {@link AgentStoreChatMemory} uses, so
 * concurrent writers lose nothing). Another org's repository ({@link #forOrg}) sees none of
 * these conversations.
 *
 * <p>Usage: {@code ChatMemoryRepository repo = new AgentStoreChatMemoryRepository(store, orgId);}
 */
public final class AgentStoreChatMemoryRepository implements ChatMemoryRepository {
  /** The integration name: the label value of its sessions and the slug of its agent. */
  public static final String INTEGRATION = "spring-ai-chat-memory";

  private final AgentStore store;
  private final Conversations conversations;

  /** The conversations of org {@code org} (an organization id) in {@code store}. */
  public AgentStoreChatMemoryRepository(AgentStore store, String org) {
    this.store = store;
    this.conversations = new Conversations(store, org, INTEGRATION);
  }

  /**
   * The same store's repository for another org: a tenant sees only its own conversations.
   *
   * <p>Usage: {@code ChatMemoryRepository tenant = repo.forOrg(tenantOrgId);}
   */
  public AgentStoreChatMemoryRepository forOrg(String org) {
    return new AgentStoreChatMemoryRepository(store, org);
  }

  /** Every conversation id of this org, oldest first (pages through {@link #findConversationIds(int, String)}). */
  @Override
  public List<String> findConversationIds() {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      Page<String> page = findConversationIds(500, token);
      ids.addAll(page.items());
      token = page.nextPageToken();
    } while (token != null);
    return ids;
  }

  /**
   * One page of conversation ids, oldest first: pass the returned page's
   * {@code nextPageToken} (null on the last page) to get the next.
   *
   * <p>Usage: {@code Page<String> first = repo.findConversationIds(100, null);}
   */
  public Page<String> findConversationIds(int pageSize, String pageToken) {
    Page<Session> page = conversations.sessions(conversations.store(), pageSize, pageToken);
    return new Page<>(page.items().stream().map(s -> s.spec().threadId()).toList(),
        page.nextPageToken());
  }

  /** The messages of a conversation in their order; empty when there is none. */
  @Override
  public List<Message> findByConversationId(String conversationId) {
    return conversations.messages(conversations.store(), conversationId).stream()
        .map(SpringAiMessages::fromItem).toList();
  }

  /**
   * Replaces the conversation's messages by {@code messages}, atomically: a reader sees the
   * old list or the new one. An empty list leaves the conversation with no messages.
   */
  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    List<AgentMessage> items = items(messages);
    Conversations.slug(conversationId);
    conversations.prepare();
    conversations.store().runInTransaction(tx ->
        conversations.replace(tx, conversationId, items));
  }

  /**
   * Appends {@code messages} to the conversation (made when new) in one atomic append that does
   * not read the conversation: concurrent appenders all keep their messages, each writer's in
   * its order.
   *
   * <p>Usage: {@code repo.append("chat-1", List.of(new UserMessage("hi")));}
   */
  public void append(String conversationId, List<Message> messages) {
    List<AgentMessage> items = items(messages);
    conversations.append(conversationId, items);
  }

  /** Deletes the conversation and its messages; nothing happens when there is none. */
  @Override
  public void deleteByConversationId(String conversationId) {
    Conversations.slug(conversationId);
    conversations.store().runInTransaction(tx -> conversations.delete(tx, conversationId));
  }

  private static List<AgentMessage> items(List<Message> messages) {
    if (messages == null) {
      throw new InvalidArgumentException("messages", "required (an empty list clears)");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<AgentMessage> items = new ArrayList<>(messages.size());
    for (Message m : messages) {
      items.add(SpringAiMessages.toItem(m, now, Map.of()));
    }
    return items;
  }
}
