package dev.agentstore.langchain4j;

import dev.agentstore.integration.Conversations;
import dev.agentstore.integration.Retries;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.MessageType;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A LangChain4j {@link ChatMemoryStore} on agentstore (SQLite or PostgreSQL): each memory is one
 * {@code Session} and one {@code AgentExecution} of the given org, whose {@code status.messages}
 * hold the messages in order. Each message is kept whole, as LangChain4j's own
 * {@link ChatMessageSerializer} writes it, in the message's {@code langchain4j} field (tool
 * execution requests and results round-trip); its type and text are also written to the
 * message's {@code type} and {@code content} for other readers of the store.
 *
 * <p>The memory id is canonicalised into a key by {@code String.valueOf(memoryId)}: ids with
 * the same string form share one memory. Windowing is left to LangChain4j's memories
 * ({@code MessageWindowChatMemory}, {@code TokenWindowChatMemory}).
 *
 * <p>{@link #updateMessages} is atomic and merges with concurrent writers instead of losing
 * their messages: it is a read-modify-write of one row under the store's optimistic version
 * (re-run on a conflict), and messages stored after the newest stored message that the new list
 * contains are taken to be appended concurrently by another writer (for example two tool calls
 * finishing at once, each adding its result to the messages it read) and are kept, placed
 * after that message. So an update cannot drop the newest stored messages; to start a memory
 * over, call {@link #deleteMessages} (or update with an empty list).
 *
 * <p>Usage: {@code ChatMemoryStore memories = new AgentStoreChatMemoryStore(store, orgId);}
 */
public final class AgentStoreChatMemoryStore implements ChatMemoryStore {
  /** The message field holding LangChain4j's own JSON of the message. */
  public static final String FIELD = "langchain4j";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 100;
  private static final Conversations CONVERSATIONS = new Conversations("lc4j");

  private final AgentStore store;
  private final String org;
  private final Clock clock;

  /** A store of the memories of {@code org} (an organization id) in {@code store}. */
  public AgentStoreChatMemoryStore(AgentStore store, String org) {
    this(store, org, Clock.systemUTC());
  }

  /** As {@link #AgentStoreChatMemoryStore(AgentStore, String)}, timestamping with {@code clock}. */
  public AgentStoreChatMemoryStore(AgentStore store, String org, Clock clock) {
    if (store == null) {
      throw new InvalidArgumentException("store", "required");
    }
    if (org == null || org.isBlank()) {
      throw new InvalidArgumentException("org", "required: the organization id the memories belong to");
    }
    if (clock == null) {
      throw new InvalidArgumentException("clock", "required");
    }
    this.store = store;
    this.org = org;
    this.clock = clock;
  }

  /** The key a memory id is stored under: {@code String.valueOf(memoryId)}. */
  public static String key(Object memoryId) {
    if (memoryId == null) {
      throw new InvalidArgumentException("memoryId", "required");
    }
    return String.valueOf(memoryId);
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    String key = key(memoryId);
    return store.readTransaction(tx -> CONVERSATIONS.find(tx, org, key))
        .map(c -> c.messages().stream().map(AgentStoreChatMemoryStore::toLangChain4j).toList())
        .orElse(List.of());
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    String key = key(memoryId);
    if (messages == null) {
      throw new InvalidArgumentException("messages", "required (an empty list clears the memory)");
    }
    List<AgentMessage> written = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) == null) {
        throw new InvalidArgumentException("messages[" + i + "]", "is null");
      }
      written.add(toAgentStore(messages.get(i)));
    }
    // Deleted concurrently (open it anew) or written by more writers than the store's own edit
    // retries absorbed (merge again onto what they wrote).
    Retries.retrying(MAX_ATTEMPTS, e -> e instanceof NotFoundException
        || e instanceof ConflictException, () -> store.agentExecutions()
        .editStatus(open(key), current -> {
          AgentExecutionStatus status = current.status() == null
              ? AgentExecutionStatus.pending() : current.status();
          return current.withStatus(status.withMessages(merge(status.messages(), written)));
        }));
  }

  @Override
  public void deleteMessages(Object memoryId) {
    String key = key(memoryId);
    store.runInTransaction(tx -> CONVERSATIONS.delete(tx, org, key));
  }

  /** The id of the execution holding {@code key}'s messages, created when absent. */
  private String open(String key) {
    Optional<Conversations.Conversation> found =
        store.readTransaction(tx -> CONVERSATIONS.find(tx, org, key));
    if (found.isPresent()) {
      return found.get().execution().metadata().id();
    }
    try {
      return store.inTransaction(tx -> CONVERSATIONS.open(tx, org, key)).execution().metadata().id();
    } catch (AlreadyExistsException e) {
      // another writer created it first
      return store.readTransaction(tx -> CONVERSATIONS.find(tx, org, key)).orElseThrow(() -> e)
          .execution().metadata().id();
    }
  }

  /**
   * {@code next} with the stored messages that were appended after the newest stored message
   * {@code next} contains (concurrent appends) placed after that message; stored messages are
   * reused where {@code next} has them, so they keep their timestamps.
   */
  static List<AgentMessage> merge(List<AgentMessage> stored, List<AgentMessage> next) {
    if (next.isEmpty()) {
      return List.of();
    }
    List<JsonNode> nextJson = next.stream().map(AgentStoreChatMemoryStore::json).toList();
    Set<JsonNode> nextSet = new HashSet<>(nextJson);
    int last = -1;
    for (int j = stored.size() - 1; j >= 0; j--) {
      if (nextSet.contains(json(stored.get(j)))) {
        last = j;
        break;
      }
    }
    List<AgentMessage> out = new ArrayList<>(next.size());
    if (last < 0) {
      out.addAll(next);
      return out;
    }
    JsonNode anchor = json(stored.get(last));
    int at = nextJson.lastIndexOf(anchor);
    // reuse the stored copies of messages the new list keeps (their timestamps stay)
    Map<JsonNode, ArrayDeque<AgentMessage>> kept = new HashMap<>();
    for (AgentMessage m : stored.subList(0, last + 1)) {
      kept.computeIfAbsent(json(m), k -> new ArrayDeque<>()).add(m);
    }
    for (int i = 0; i <= at; i++) {
      ArrayDeque<AgentMessage> same = kept.get(nextJson.get(i));
      out.add(same == null || same.isEmpty() ? next.get(i) : same.poll());
    }
    out.addAll(stored.subList(last + 1, stored.size()));
    out.addAll(next.subList(at + 1, next.size()));
    return out;
  }

  /**
   * The message's LangChain4j JSON, compared as a tree (key order aside: PostgreSQL's JSONB
   * does not keep it).
   */
  private static JsonNode json(AgentMessage m) {
    JsonNode node = m.unknownFields().get(FIELD);
    return node == null ? JSON.nullNode() : node;
  }

  private AgentMessage toAgentStore(ChatMessage message) {
    JsonNode tree;
    try {
      tree = JSON.readTree(ChatMessageSerializer.messageToJson(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("LangChain4j wrote JSON Jackson cannot read", e);
    }
    return AgentMessage.builder().type(type(message)).content(text(message))
        .timestamp(clock.instant()).unknownFields(Map.of(FIELD, tree)).build();
  }

  private static ChatMessage toLangChain4j(AgentMessage m) {
    JsonNode node = m.unknownFields().get(FIELD);
    if (node == null) {
      throw new IllegalStateException("a stored message has no " + FIELD + " field: it was not"
          + " written by " + AgentStoreChatMemoryStore.class.getSimpleName());
    }
    return ChatMessageDeserializer.messageFromJson(node.toString());
  }

  private static MessageType type(ChatMessage message) {
    return switch (message.type()) {
      case USER -> MessageType.HUMAN;
      case AI -> MessageType.AI;
      case TOOL_EXECUTION_RESULT -> MessageType.TOOL;
      // SYSTEM, and CUSTOM (application-defined: neither the user's nor the model's)
      default -> MessageType.SYSTEM;
    };
  }

  private static String text(ChatMessage message) {
    if (message instanceof UserMessage u) {
      return u.hasSingleText() ? u.singleText() : null;
    } else if (message instanceof AiMessage a) {
      return a.text();
    } else if (message instanceof ToolExecutionResultMessage t) {
      return t.text();
    } else if (message instanceof SystemMessage s) {
      return s.text();
    }
    return null;
  }
}
