package dev.agentstore.spring.boot;

import com.google.crypto.tink.Aead;
import dev.agentstore.AgentStore;
import dev.agentstore.observe.MicrometerObserver;
import dev.agentstore.observe.OpenTelemetryObserver;
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.secret.AeadKeyProvider;
import dev.agentstore.secret.EnvironmentKeyProvider;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures an {@link AgentStore} from the {@code agentstore.*} properties
 * ({@link AgentStoreProperties}), closed when the context closes, reporting to the
 * application's MeterRegistry and OpenTelemetry beans when there are any. Every bean is
 * {@code @ConditionalOnMissingBean}: define your own to replace it.
 *
 * <p>Usage: {@code @SpringBootApplication class App { }} with agentstore-spring-boot-starter on
 * the class path; then {@code @Autowired AgentStore store;}
 */
@AutoConfiguration
@EnableConfigurationProperties(AgentStoreProperties.class)
public class AgentStoreAutoConfiguration {

  /** The default store: {@code .agentstore} under the application's working directory. */
  static String defaultUri() {
    return "local:" + Path.of("").toAbsolutePath().resolve(".agentstore");
  }

  /** The store, opened (migrations applied) at startup and closed at shutdown. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public AgentStore agentStore(AgentStoreProperties properties,
      ObjectProvider<KeyProvider> keyProviders, ObjectProvider<Aead> aeads,
      ObjectProvider<ObserverSource> observers) {
    AgentStore.Builder b = AgentStore.builder().uri(uri(properties))
        .actor(properties.getActor());
    KeyProvider keys = keyProvider(properties, keyProviders, aeads);
    if (keys != null) {
      b.keyProvider(keys);
    }
    if (properties.getArtifacts() != null) {
      b.artifacts(properties.getArtifacts());
    }
    if (properties.getPoolSize() != null) {
      b.option("maximumPoolSize", Integer.toString(properties.getPoolSize()));
    }
    if (properties.getReadPoolSize() != null) {
      b.option("readPoolSize", Integer.toString(properties.getReadPoolSize()));
    }
    if (properties.getBusyTimeout() != null) {
      b.option("busyTimeoutMs", Long.toString(properties.getBusyTimeout().toMillis()));
    }
    properties.getOptions().forEach(b::option);
    List<StoreObserver> found = observers.orderedStream().map(ObserverSource::observer)
        .filter(o -> o != null).toList();
    if (found.size() == 1) {
      b.observer(found.get(0));
    } else if (found.size() > 1) {
      b.observer(StoreObserver.all(found.toArray(StoreObserver[]::new)));
    }
    return b.open();
  }

  static String uri(AgentStoreProperties properties) {
    return properties.getUri() == null || properties.getUri().isBlank() ? defaultUri()
        : properties.getUri();
  }

  /** agentstore.key.file, agentstore.key.env, a KeyProvider bean, an Aead bean, or null. */
  static KeyProvider keyProvider(AgentStoreProperties properties,
      ObjectProvider<KeyProvider> keyProviders, ObjectProvider<Aead> aeads) {
    AgentStoreProperties.Key key = properties.getKey();
    if (key.getFile() != null) {
      return KeysetFileKeyProvider.createIfMissing(Path.of(key.getFile()));
    }
    if (key.getEnv() != null) {
      return new EnvironmentKeyProvider(key.getEnv());
    }
    KeyProvider bean = keyProviders.getIfUnique();
    if (bean != null) {
      return bean;
    }
    Aead aead = aeads.getIfUnique();
    return aead == null ? null : new AeadKeyProvider(aead, "the application's Aead bean");
  }

  /**
   * Where one observer of the store comes from: a bean per library the application has, so the
   * store's bean method names neither Micrometer nor OpenTelemetry.
   */
  @FunctionalInterface
  interface ObserverSource {
    /** The observer, or null when its library's bean is absent or reporting is off. */
    StoreObserver observer();
  }

  /** Binds the store to the application's MeterRegistry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class MicrometerBinding {
    @Bean
    ObserverSource agentStoreMicrometer(ObjectProvider<MeterRegistry> registry,
        AgentStoreProperties properties) {
      return () -> {
        MeterRegistry r = properties.getObservability().isMetrics() ? registry.getIfUnique()
            : null;
        return r == null ? null : new MicrometerObserver(r);
      };
    }
  }

  /** Binds the store to the application's OpenTelemetry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OpenTelemetry.class)
  static class OpenTelemetryBinding {
    @Bean
    ObserverSource agentStoreOpenTelemetry(ObjectProvider<OpenTelemetry> otel,
        AgentStoreProperties properties) {
      return () -> {
        OpenTelemetry o = properties.getObservability().isTracing() ? otel.getIfUnique() : null;
        return o == null ? null : new OpenTelemetryObserver(o);
      };
    }
  }

  /** The health indicator, when Boot's health support is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthBinding {
    @Bean
    @ConditionalOnMissingBean(name = "agentStoreHealthIndicator")
    AgentStoreHealthIndicator agentStoreHealthIndicator(AgentStore store,
        AgentStoreProperties properties, ObjectProvider<KeyProvider> keyProviders,
        ObjectProvider<Aead> aeads) {
      return new AgentStoreHealthIndicator(store, uri(properties),
          keyProvider(properties, keyProviders, aeads));
    }
  }
}
