package dev.agentstore.spring.ai;

import dev.agentstore.InvalidArgumentException;
import java.util.List;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;

/**
 * A Spring AI {@link ChatMemory} whose {@code add} appends to the stored conversation in one
 * atomic write, instead of reading the whole conversation and saving it back as
 * {@code MessageWindowChatMemory} does (where two concurrent writers lose one's messages).
 * {@code get} returns the last {@code maxMessages} messages (all when 0), oldest first.
 *
 * <p>Usage: {@code ChatMemory memory = new AgentStoreChatMemory(repository, 50);}
 */
public final class AgentStoreChatMemory implements ChatMemory {
  private final AgentStoreChatMemoryRepository repository;
  private final int maxMessages;

  /** Memory on {@code repository}; {@code get} returns at most {@code maxMessages} (0: all). */
  public AgentStoreChatMemory(AgentStoreChatMemoryRepository repository, int maxMessages) {
    if (repository == null) {
      throw new InvalidArgumentException("repository", "required");
    }
    if (maxMessages < 0) {
      throw new InvalidArgumentException("maxMessages", "must be 0 (all) or more, got "
          + maxMessages);
    }
    this.repository = repository;
    this.maxMessages = maxMessages;
  }

  @Override
  public void add(String conversationId, List<Message> messages) {
    repository.append(conversationId, messages);
  }

  @Override
  public List<Message> get(String conversationId) {
    List<Message> all = repository.findByConversationId(conversationId);
    return maxMessages == 0 || all.size() <= maxMessages ? all
        : List.copyOf(all.subList(all.size() - maxMessages, all.size()));
  }

  @Override
  public void clear(String conversationId) {
    repository.deleteByConversationId(conversationId);
  }
}
