package dev.agentstore.spring.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every test class that carries {@link AutoConfigureAgentStore} (also through
 * {@link DataAgentStoreTest}) its own temporary local store: before the context refreshes,
 * {@code agentstore.uri} is set to {@code local:} on a new temporary directory, over any value
 * from the application's configuration but not over the test's own properties (the slice's
 * {@code properties}, {@code @TestPropertySource}); the directory is deleted after the store
 * closes with the context. Registered in {@code META-INF/spring.factories}.
 *
 * <p>Usage: nothing to call; Spring's test context loads it for every test class.
 */
final class TemporaryAgentStoreContextCustomizerFactory implements ContextCustomizerFactory {
  /** The property the customizer sets. */
  static final String URI_PROPERTY = "agentstore.uri";
  /** The name of the property source holding the temporary store's URI. */
  static final String PROPERTY_SOURCE = "agentstoreTemporaryStore";

  /** The customizer for {@code testClass}, or null when it does not ask for a store. */
  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    boolean wanted = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
        .isPresent(AutoConfigureAgentStore.class);
    return wanted ? new TemporaryStore(testClass) : null;
  }

  /** One test class's temporary store; equal per class, so each class gets its own context. */
  private record TemporaryStore(Class<?> testClass) implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context,
        MergedContextConfiguration mergedConfig) {
      for (String property : mergedConfig.getPropertySourceProperties()) {
        if (property.strip().startsWith(URI_PROPERTY + "=")
            || property.strip().startsWith(URI_PROPERTY + ":")) {
          return; // the test names its store
        }
      }
      Path dir;
      try {
        dir = Files.createTempDirectory("agentstore-test-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary agentstore directory", e);
      }
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
          PROPERTY_SOURCE, Map.of(URI_PROPERTY, "local:" + dir.resolve("store"))));
      // Registered before any bean, so destroyed after all of them: after the store closes.
      ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean(
          PROPERTY_SOURCE + "Directory", () -> delete(dir));
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary agentstore directory " + dir, e);
    }
  }
}
