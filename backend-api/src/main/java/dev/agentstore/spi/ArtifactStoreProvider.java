package dev.agentstore.spi;

import dev.agentstore.artifact.ArtifactStore;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Opens an {@link ArtifactStore} for one URI scheme. Implementations are listed in {@code
 * META-INF/services/dev.agentstore.spi.ArtifactStoreProvider} and found by {@link
 * dev.agentstore.artifact.ArtifactStores#open(String)}.
 *
 * <p>Usage: {@code public final class MyProvider implements ArtifactStoreProvider { public String scheme() { return "my"; } ... }}
 */
public interface ArtifactStoreProvider {
  /** The URI scheme this provider opens, lowercase, such as {@code file} or {@code s3}. */
  String scheme();

  /** Whether this provider opens {@code uri}; by default, whether the scheme matches. */
  default boolean supports(URI uri) {
    return uri.getScheme() != null && scheme().equals(uri.getScheme().toLowerCase(Locale.ROOT));
  }

  /**
   * Opens the store. {@code options} hold settings that should not sit in the URI (credentials,
   * say); they override query parameters of the same name. Bad settings are {@link
   * dev.agentstore.InvalidArgumentException}, an unreachable store {@link dev.agentstore.UnavailableException}.
   */
  ArtifactStore open(URI uri, Map<String, String> options);
}
