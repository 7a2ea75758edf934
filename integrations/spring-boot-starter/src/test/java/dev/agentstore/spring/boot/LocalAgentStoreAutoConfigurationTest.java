package dev.agentstore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Query;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.spring.ai.AgentStoreChatMemory;
import dev.agentstore.spring.ai.AgentStoreChatMemoryRepository;
import dev.agentstore.spring.ai.AgentStoreSessionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.session.SessionRepository;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configuration on SQLite, with ApplicationContextRunner. */
class LocalAgentStoreAutoConfigurationTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AgentStoreAutoConfiguration.class,
            AgentStoreSpringAiAutoConfiguration.class))
        .withPropertyValues("agentstore.uri=local:" + dir.resolve("store"));
  }

  @Test
  void opensTheStoreWithHealthAndSpringAiBeansAndClosesIt() {
    AgentStore[] seen = new AgentStore[1];
    runner().run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(AgentStore.class)
          .hasSingleBean(AgentStoreHealthIndicator.class);
      AgentStore store = ctx.getBean(AgentStore.class);
      seen[0] = store;
      assertThat(store.organizations().list(Query.all()).items()).extracting(o -> o.metadata()
          .slug()).contains("default");
      Health health = ctx.getBean(AgentStoreHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("database", "reachable")
          .containsEntry("migrations", "current").containsEntry("secretKey", "available");
      assertThat(ctx.getBean(ChatMemoryRepository.class))
          .isInstanceOf(AgentStoreChatMemoryRepository.class);
      assertThat(ctx.getBean(ChatMemory.class)).isInstanceOf(AgentStoreChatMemory.class);
      assertThat(ctx.getBean(SessionRepository.class))
          .isInstanceOf(AgentStoreSessionRepository.class);
      ctx.getBean(ChatMemory.class).add("c1", new UserMessage("remember me"));
    });
    assertThatThrownBy(() -> seen[0].organizations().list(Query.all()))
        .as("closed with the context").isInstanceOf(RuntimeException.class);
    // a second context on the same directory: the conversation survived the restart
    runner().run(ctx -> assertThat(ctx.getBean(ChatMemory.class).get("c1"))
        .extracting(m -> m.getText()).containsExactly("remember me"));
  }

  @Test
  void everyBeanBacksOffForTheApplicationsOwn() {
    InMemoryChatMemoryRepository own = new InMemoryChatMemoryRepository();
    runner().withBean(ChatMemoryRepository.class, () -> own).run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx.getBean(ChatMemoryRepository.class)).isSameAs(own);
      assertThat(ctx).doesNotHaveBean(AgentStoreChatMemory.class);
      assertThat(ctx).hasSingleBean(SessionRepository.class);
    });
    AgentStore mine = AgentStore.builder().uri("local:" + dir.resolve("mine")).open();
    try {
      runner().withPropertyValues("agentstore.uri=local:" + dir.resolve("unused"))
          .withBean(AgentStore.class, () -> mine).run(ctx -> {
            assertThat(ctx.getBean(AgentStore.class)).isSameAs(mine);
            assertThat(ctx).hasSingleBean(AgentStoreHealthIndicator.class);
            assertThat(Files.exists(dir.resolve("unused"))).isFalse();
      });
    } finally {
      mine.close();
    }
    runner().withPropertyValues("agentstore.spring-ai.enabled=false").run(ctx -> {
      assertThat(ctx).hasSingleBean(AgentStore.class);
      assertThat(ctx).doesNotHaveBean(ChatMemoryRepository.class)
          .doesNotHaveBean(SessionRepository.class);
    });
  }

  @Test
  void bindsTheMeterRegistryUnlessMetricsAreOff() {
    runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
      ctx.getBean(AgentStore.class).agents().list(Query.all());
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      assertThat(registry.find(MicrometerObserver.OPERATION).tags("kind", "Agent", "op", "list",
          "outcome", "success").timer().count()).isEqualTo(1);
    });
    runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("agentstore.observability.metrics=false").run(ctx -> {
          ctx.getBean(AgentStore.class).agents().list(Query.all());
          assertThat(ctx.getBean(MeterRegistry.class).find(MicrometerObserver.OPERATION)
              .timers()).isEmpty();
        });
  }

  @Test
  void keyFileOptionsAndOrgComeFromProperties() {
    Path key = dir.resolve("keys").resolve("master.key");
    runner().withPropertyValues("agentstore.key.file=" + key, "agentstore.busy-timeout=2s",
        "agentstore.read-pool-size=2", "agentstore.spring-ai.org=acme",
        "agentstore.spring-ai.max-messages=1").run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(Files.exists(key)).isTrue();
          AgentStore store = ctx.getBean(AgentStore.class);
          assertThat(store.organizations().getBySlug(null, "acme")).isPresent();
          ChatMemory memory = ctx.getBean(ChatMemory.class);
          memory.add("c", List.of(new UserMessage("1"), new UserMessage("2")));
          assertThat(memory.get("c")).extracting(m -> m.getText()).containsExactly("2");
        });
  }

  @Test
  void configurationMetadataDescribesTheProperties() throws Exception {
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
      String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(json).contains("\"agentstore.uri\"", "\"agentstore.key.file\"",
          "\"agentstore.busy-timeout\"", "\"agentstore.spring-ai.org\"",
          "\"agentstore.observability.metrics\"");
    }
  }

  @Test
  void aBadUriFailsStartupWithTheStoresError() {
    runner().withPropertyValues("agentstore.uri=nosuch:thing").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause()
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("nosuch");
    });
  }
}
