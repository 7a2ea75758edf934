package dev.agentstore.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;

/** A slice test that names its own store keeps it; the slice includes what the filter adds. */
@DataAgentStoreTest(properties = "agentstore.uri=local:target/own-uri-test-store",
    includeFilters = @org.springframework.context.annotation.ComponentScan.Filter(
        type = org.springframework.context.annotation.FilterType.ASSIGNABLE_TYPE,
        classes = Unrelated.class))
class DataAgentStoreOwnUriTest {
  @Autowired ConfigurableEnvironment environment;
  @Autowired AgentStore store;
  @Autowired Unrelated included;

  @Test
  void theTestsOwnUriWinsAndIncludedComponentsAreThere() {
    assertThat(environment.getProperty("agentstore.uri"))
        .isEqualTo("local:target/own-uri-test-store");
    assertThat(environment.getPropertySources()
        .contains(TemporaryAgentStoreContextCustomizerFactory.PROPERTY_SOURCE)).isFalse();
    assertThat(Files.exists(Path.of("target/own-uri-test-store/agentstore.db"))).isTrue();
    assertThat(included).isNotNull();
    assertThat(store).isNotNull();
  }
}
