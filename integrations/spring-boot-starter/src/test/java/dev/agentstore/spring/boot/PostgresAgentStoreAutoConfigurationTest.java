package dev.agentstore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.model.Organization;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.spring.ai.AgentStoreChatMemory;
import dev.agentstore.spring.ai.AgentStoreChatMemoryRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter's auto-configuration on PostgreSQL (the embedded server of backend-postgres's
 * {@code PostgresStores}, or the one {@code AGENTSTORE_PG_URL} names): the store, its health,
 * its pool in the application's MeterRegistry, and Spring AI chat memory kept in the database.
 */
class PostgresAgentStoreAutoConfigurationTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner(String url) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AgentStoreAutoConfiguration.class,
            AgentStoreSpringAiAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("agentstore.uri=" + url,
            "agentstore.key.file=" + dir.resolve("master.key"), "agentstore.pool-size=3");
  }

  @Test
  void opensThePostgresStoreWithHealthPoolGaugesAndChatMemoryInTheDatabase() {
    String url = PostgresStores.newDatabase();
    runner(url).run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(AgentStore.class);
      Health health = ctx.getBean(AgentStoreHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("database", "reachable")
          .containsEntry("migrations", "current").containsEntry("secretKey", "available");

      ChatMemory memory = ctx.getBean(ChatMemory.class);
      assertThat(memory).isInstanceOf(AgentStoreChatMemory.class);
      memory.add("pg-conversation", List.of(new UserMessage("hello"),
          new AssistantMessage("hi there")));
      assertThat(ctx.getBean(ChatMemoryRepository.class).findConversationIds())
          .containsExactly("pg-conversation");

      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      assertThat(registry.get(MicrometerObserver.POOL + ".max").tag("pool", "agentstore-postgres")
          .gauge().value()).as("agentstore.pool-size").isEqualTo(3.0);
      assertThat(registry.get(MicrometerObserver.POOL + ".active")
          .tag("pool", "agentstore-postgres").gauge().value()).isBetween(0.0, 3.0);
    });

    // In PostgreSQL, not in the context: a plain store on the database reads the conversation,
    // and so does a new context.
    try (AgentStore plain = AgentStore.builder().uri(url)
        .keyProvider(KeysetFileKeyProvider.createIfMissing(dir.resolve("master.key"))).open()) {
      Organization org = plain.organizations().getBySlug(null, "default").orElseThrow();
      assertThat(new AgentStoreChatMemoryRepository(plain, org.id())
          .findByConversationId("pg-conversation")).extracting(m -> m.getText())
          .containsExactly("hello", "hi there");
    }
    runner(url).run(ctx -> assertThat(ctx.getBean(ChatMemory.class).get("pg-conversation"))
        .extracting(m -> m.getText()).containsExactly("hello", "hi there"));
  }
}
