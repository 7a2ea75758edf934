package dev.agentstore.artifact;

import dev.agentstore.internal.artifacts.FileSystemArtifactStore;
import dev.agentstore.spi.ArtifactStoreProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Two real providers claiming the same scheme, so ArtifactStores must refuse to choose. */
final class TwinProviders {
  private TwinProviders() {}

  /** Opens a filesystem store at the URI's path. */
  public static class First implements ArtifactStoreProvider {
    @Override
    public String scheme() {
      return "twin";
    }

    @Override
    public ArtifactStore open(URI uri, Map<String, String> options) {
      return FileSystemArtifactStore.open(Path.of(uri.getPath()));
    }
  }

  /** The same again, under another class name. */
  public static final class Second extends First {}
}
