package dev.agentstore.examples.boot;

import java.util.List;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on agentstore: the starter opens the store from
 * {@code agentstore.uri} and Spring AI's {@link ChatMemory} keeps its conversations there, so
 * they survive a restart; Actuator shows the store's health ({@code /actuator/health/agentStore})
 * and its metrics ({@code /actuator/metrics/agentstore.operation}). A chat model would read
 * {@code memory.get(id)} as its context (no model is called here, so the example runs
 * offline).
 *
 * <p>Usage: {@code mvn -pl examples/spring-boot -am package && java -cp ... dev.agentstore.examples.boot.ChatApp}
 */
@SpringBootApplication
public class ChatApp {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(ChatApp.class, args);
  }

  /** The conversation service the application would put in front of its chat model. */
  @Bean
  Conversations conversations(ChatMemory memory) {
    return new Conversations(memory);
  }

  /**
   * Remembers each turn of a conversation.
   *
   * @param memory the store-backed chat memory the starter configured
   */
  record Conversations(ChatMemory memory) {
    /** Records the user's message and the (here: canned) answer; returns the answer. */
    String turn(String conversationId, String userText) {
      String answer = "You said: " + userText;
      memory.add(conversationId, List.of(new UserMessage(userText),
          new AssistantMessage(answer)));
      return answer;
    }

    /** The whole conversation so far. */
    List<Message> history(String conversationId) {
      return memory.get(conversationId);
    }
  }
}
