package dev.agentstore.spi;

/**
 * Opens backends for the store URIs it accepts. Found with {@link java.util.ServiceLoader}: a
 * backend module lists its provider in
 * {@code META-INF/services/dev.agentstore.spi.BackendProvider}. Exactly one provider must accept a
 * URI.
 *
 * <p>Usage: {@code AgentStore.open("local:/var/lib/agents")} finds the local provider.
 */
public interface BackendProvider {
  /** A short name for error messages, e.g. {@code local}. */
  String name();

  /** Whether this provider opens {@code uri}. */
  boolean accepts(String uri);

  /** Opens the backend; migrations are applied before it returns. */
  Backend open(BackendConfig config);
}
