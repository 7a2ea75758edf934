package dev.agentstore.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.spring.ai.AgentStoreChatMemory;
import dev.agentstore.spring.boot.AgentStoreHealthIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** {@code @DataAgentStoreTest}: the agentstore beans, none of the application's, a temporary store. */
@DataAgentStoreTest
class DataAgentStoreSliceTest {
  @Autowired ApplicationContext context;
  @Autowired Environment environment;
  @Autowired AgentStore store;
  @Autowired ChatMemory memory;
  @Autowired AgentStoreHealthIndicator health;

  @Test
  void theSliceHasTheStoreAndSpringAiBeansButNoApplicationComponent() {
    assertThat(context.getBeansOfType(Unrelated.class)).isEmpty();
    assertThat(memory).isInstanceOf(AgentStoreChatMemory.class);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(store.organizations().list(Query.all()).items()).isNotEmpty();
  }

  @Test
  void theStoreIsATemporaryDirectoryNotTheApplicationsOwn() {
    String uri = environment.getProperty("agentstore.uri");
    assertThat(uri).startsWith("local:").doesNotContain("the-applications-own-store");
    Path dir = Path.of(uri.substring("local:".length()));
    assertThat(dir).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(Files.exists(dir.resolve("agentstore.db"))).isTrue();
    assertThat(Files.exists(Path.of("target/the-applications-own-store"))).isFalse();
  }

  @Test
  void chatMemoryWritesThroughToTheStore() {
    memory.add("slice-conversation", new UserMessage("kept in the slice's store"));
    assertThat(memory.get("slice-conversation")).extracting(m -> m.getText())
        .containsExactly("kept in the slice's store");
  }
}
