package dev.agentstore.spring.boot;

import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The store's health: UP when the database answers a query (the store applied its migrations
 * when it opened and refuses to open on a schema newer or older than it knows), with details
 * {@code database} ({@code reachable}), {@code migrations} ({@code current}) and
 * {@code secretKey} ({@code available} or {@code none}: then secret values and API keys are
 * refused, which is not DOWN); DOWN with the error when the query fails.
 *
 * <p>Usage: {@code GET /actuator/health/agentStore} (with Spring Boot Actuator)
 */
public class AgentStoreHealthIndicator implements HealthIndicator {
  private final AgentStore store;
  private final String uri;
  private final KeyProvider keys;

  /** The health of {@code store}, opened from {@code uri} with {@code keys} (null: default). */
  public AgentStoreHealthIndicator(AgentStore store, String uri, KeyProvider keys) {
    this.store = store;
    this.uri = uri;
    this.keys = keys;
  }

  @Override
  public Health health() {
    try {
      store.organizations().list(Query.builder().pageSize(1).build());
    } catch (RuntimeException e) {
      return Health.down(e).withDetail("database", "unreachable").build();
    }
    return Health.up().withDetail("database", "reachable").withDetail("migrations", "current")
        .withDetail("secretKey", keyAvailable() ? "available" : "none").build();
  }

  private boolean keyAvailable() {
    Optional<Path> dir = uri.startsWith("local:") && uri.length() > "local:".length()
        ? Optional.of(Path.of(uri.substring("local:".length()))) : Optional.empty();
    KeyProvider provider = keys != null ? keys
        : dir.isPresent() ? KeysetFileKeyProvider.inDataDirectory() : KeyProvider.none();
    try {
      return provider.keys(new KeyProvider.Context(dir, true)).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
