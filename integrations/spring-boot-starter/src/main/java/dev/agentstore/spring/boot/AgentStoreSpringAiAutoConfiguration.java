package dev.agentstore.spring.boot;

import dev.agentstore.AgentStore;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.Metadata;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import dev.agentstore.spring.ai.AgentStoreChatMemory;
import dev.agentstore.spring.ai.AgentStoreChatMemoryRepository;
import dev.agentstore.spring.ai.AgentStoreSessionRepository;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.session.SessionRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring AI on agentstore, when Spring AI and agentstore-spring-ai are on the class path: a
 * {@link ChatMemoryRepository}, a {@link ChatMemory} that appends atomically, and (with
 * spring-ai-session) a {@link SessionRepository}, all in the org named by
 * {@code agentstore.spring-ai.org} (made on first start). It runs before Spring AI's own chat
 * memory auto-configuration, whose beans then back off; each of these backs off in turn when the
 * application defines its own. Set {@code agentstore.spring-ai.enabled=false} to turn it off.
 *
 * <p>Usage: {@code @Autowired ChatMemory memory;} (then {@code memory.add("chat-1", message)})
 */
@AutoConfiguration(after = AgentStoreAutoConfiguration.class, beforeName =
    "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass({ChatMemoryRepository.class, AgentStoreChatMemoryRepository.class})
@ConditionalOnBean(AgentStore.class)
@ConditionalOnProperty(prefix = "agentstore.spring-ai", name = "enabled", matchIfMissing = true)
public class AgentStoreSpringAiAutoConfiguration {

  /** The id of the org with slug {@code slug}, made when there is none. */
  static String org(AgentStore store, String slug) {
    return store.organizations().getBySlug(null, slug).map(Organization::id).orElseGet(() -> {
      try {
        return store.organizations().create(new Organization(Metadata.of(null, slug)
            .withSlug(slug), OrganizationSpec.builder().description("Spring AI conversations")
            .build(), null)).id();
      } catch (AlreadyExistsException e) {
        return store.organizations().getBySlug(null, slug).orElseThrow(() -> e).id();
      }
    });
  }

  /** Chat memory conversations, one session each, in the configured org. */
  @Bean
  @ConditionalOnMissingBean(ChatMemoryRepository.class)
  public AgentStoreChatMemoryRepository agentStoreChatMemoryRepository(AgentStore store,
      AgentStoreProperties properties) {
    return new AgentStoreChatMemoryRepository(store, org(store, properties.getSpringAi()
        .getOrg()));
  }

  /** Chat memory whose add appends without a read (nothing lost to concurrent writers). */
  @Bean
  @ConditionalOnMissingBean(ChatMemory.class)
  @ConditionalOnBean(AgentStoreChatMemoryRepository.class)
  public AgentStoreChatMemory agentStoreChatMemory(AgentStoreChatMemoryRepository repository,
      AgentStoreProperties properties) {
    return new AgentStoreChatMemory(repository, properties.getSpringAi().getMaxMessages());
  }

  /** spring-ai-session's repository, when spring-ai-session is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SessionRepository.class)
  static class Sessions {
    @Bean
    @ConditionalOnMissingBean(SessionRepository.class)
    AgentStoreSessionRepository agentStoreSessionRepository(AgentStore store,
        AgentStoreProperties properties) {
      return new AgentStoreSessionRepository(store, org(store, properties.getSpringAi()
          .getOrg()));
    }
  }
}
