package dev.agentstore.artifact;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.spi.ArtifactStoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Opens an {@link ArtifactStore} from a URI by finding the {@link ArtifactStoreProvider} for its
 * scheme with {@link ServiceLoader}: {@code file:} is built in, {@code s3:} comes with the {@code
 * artifacts-s3} module on the class path.
 *
 * <p>Usage: {@code ArtifactStore store = ArtifactStores.open("s3://bucket/agentstore?region=eu-west-1");}
 */
public final class ArtifactStores {
  private ArtifactStores() {}

  /** Opens the store at {@code uri} with no extra options. */
  public static ArtifactStore open(String uri) {
    return open(uri, Map.of());
  }

  /**
   * Opens the store at {@code uri}; {@code options} override the URI's query parameters.
   *
   * @throws InvalidArgumentException if the URI is malformed, or zero or several providers claim it
   */
  public static ArtifactStore open(String uri, Map<String, String> options) {
    URI parsed = parse(uri);
    return find(parsed).open(parsed, Map.copyOf(options));
  }

  private static URI parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new InvalidArgumentException("artifact store URI must not be null or blank");
    }
    try {
      URI parsed = new URI(uri);
      if (parsed.getScheme() == null) {
        throw new InvalidArgumentException("artifact store URI needs a scheme such as file: or s3:, was " + redact(uri));
      }
      return parsed;
    } catch (URISyntaxException e) {
      throw new InvalidArgumentException("artifact store URI is malformed: " + e.getReason(), e);
    }
  }

  private static ArtifactStoreProvider find(URI uri) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<ArtifactStoreProvider> matches =
        ServiceLoader.load(ArtifactStoreProvider.class, loader == null ? ArtifactStores.class.getClassLoader() : loader).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.supports(uri))
            .collect(Collectors.toList());
    if (matches.isEmpty()) {
      throw new InvalidArgumentException("no artifact store provider for scheme '" + uri.getScheme()
          + "' on the class path (file: is built in; s3: needs the dev.agentstore:agentstore-artifacts-s3 module)");
    }
    if (matches.size() > 1) {
      String names = matches.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "));
      throw new InvalidArgumentException("several artifact store providers claim scheme '" + uri.getScheme() + "': " + names);
    }
    return matches.get(0);
  }

  /** Drops the query, where credentials may sit, before a URI goes into a message. */
  private static String redact(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q) + "?...";
  }
}
