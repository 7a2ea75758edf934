package dev.agentstore.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/** The temporary store's lifecycle: one per test class, deleted when the context closes. */
class TemporaryAgentStoreContextCustomizerFactoryTest {
  private final TemporaryAgentStoreContextCustomizerFactory factory =
      new TemporaryAgentStoreContextCustomizerFactory();

  @AutoConfigureAgentStore
  static class FirstSlice {}

  @DataAgentStoreTest
  static class SecondSlice {}

  static class NoSlice {}

  private static MergedContextConfiguration config(Class<?> testClass, String... properties) {
    return new MergedContextConfiguration(testClass, new String[0], new Class<?>[0], Set.of(),
        new String[0], new String[0], properties, null, null, null);
  }

  @Test
  void onlyClassesThatAskForAStoreGetOneAndEachClassItsOwn() {
    assertThat(factory.createContextCustomizer(NoSlice.class, List.of())).isNull();
    ContextCustomizer first = factory.createContextCustomizer(FirstSlice.class, List.of());
    ContextCustomizer second = factory.createContextCustomizer(SecondSlice.class, List.of());
    assertThat(first).isNotNull().isEqualTo(
        factory.createContextCustomizer(FirstSlice.class, List.of())).isNotEqualTo(second);
  }

  @Test
  void theDirectoryIsMadeBeforeRefreshAndDeletedOnClose() throws Exception {
    ContextCustomizer customizer = factory.createContextCustomizer(FirstSlice.class, List.of());
    Path dir;
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      customizer.customizeContext(context, config(FirstSlice.class));
      context.refresh();
      String uri = context.getEnvironment().getProperty("agentstore.uri");
      assertThat(uri).startsWith("local:");
      dir = Path.of(uri.substring("local:".length())).getParent();
      assertThat(dir).isDirectory();
      Files.writeString(dir.resolve("store-file"), "data"); // what a store would leave
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void aTestThatNamesItsStoreKeepsIt() {
    ContextCustomizer customizer = factory.createContextCustomizer(FirstSlice.class, List.of());
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      customizer.customizeContext(context, config(FirstSlice.class,
          "agentstore.uri=local:/srv/mine"));
      assertThat(context.getEnvironment().getPropertySources()
          .contains(TemporaryAgentStoreContextCustomizerFactory.PROPERTY_SOURCE)).isFalse();
    }
  }
}
