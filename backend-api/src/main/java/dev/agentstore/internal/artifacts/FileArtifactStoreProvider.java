package dev.agentstore.internal.artifacts;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.spi.ArtifactStoreProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens {@link FileSystemArtifactStore} for {@code file:} URIs: {@code file:///var/lib/agentstore/artifacts}
 * or, relative to the working directory, {@code file:data/artifacts}. It takes no parameters.
 *
 * <p>Usage: {@code ArtifactStores.open("file:///srv/shared/artifacts")}
 */
public final class FileArtifactStoreProvider implements ArtifactStoreProvider {
  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public ArtifactStore open(URI uri, Map<String, String> options) {
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || !options.isEmpty()) {
      throw new InvalidArgumentException("the file: artifact store takes no parameters or options");
    }
    Path dir;
    try {
      dir = uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("file: artifact store URI must name a local directory, such as file:///srv/artifacts: " + e.getMessage(), e);
    }
    return FileSystemArtifactStore.open(dir);
  }
}
