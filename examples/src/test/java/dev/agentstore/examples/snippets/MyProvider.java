package dev.agentstore.examples.snippets;

import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import dev.agentstore.spi.ArtifactStoreProvider;
import java.net.URI;
import java.util.Map;

/**
 * ArtifactStoreProvider's usage line as compiled code (see JavadocSnippetsTest): a provider for
 * a made-up {@code my:} scheme that keeps its files where {@code file:} would.
 */
public final class MyProvider implements ArtifactStoreProvider { public String scheme() { return "my"; }
  @Override
  public ArtifactStore open(URI uri, Map<String, String> options) {
    return ArtifactStores.open("file:" + uri.getSchemeSpecificPart(), options);
  }
}
