package dev.agentstore.examples;

import dev.agentstore.AgentStore;
import dev.agentstore.langchain4j.AgentStoreChatMemoryStore;
import dev.agentstore.model.Organization;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * LangChain4j's windowed chat memory kept in agentstore: run it twice on one directory and the
 * second run continues the first one's conversation.
 *
 * <p>Usage: {@code LangChain4jChatMemoryExample.run(Path.of("/tmp/agents"), System.out);}
 */
public final class LangChain4jChatMemoryExample {
  private LangChain4jChatMemoryExample() {}

  /** Adds one exchange to user-42's memory in the store at {@code dir} and prints the memory. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      Organization org = store.organizations().apply(Organization.builder().name("Acme").build());
      ChatMemory memory = MessageWindowChatMemory.builder().id("user-42").maxMessages(20)
          .chatMemoryStore(new AgentStoreChatMemoryStore(store, org.id())).build();
      int turn = memory.messages().size() / 2 + 1;
      memory.add(UserMessage.from("question " + turn));
      memory.add(AiMessage.from("answer " + turn));
      out.println("user-42 has " + memory.messages().size() + " messages, the last: "
          + ((AiMessage) memory.messages().get(memory.messages().size() - 1)).text());
    }
  }
}
