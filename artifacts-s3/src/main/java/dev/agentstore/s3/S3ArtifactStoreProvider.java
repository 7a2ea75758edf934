package dev.agentstore.s3;

import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.spi.ArtifactStoreProvider;
import java.net.URI;
import java.util.Map;

/**
 * Opens {@link S3ArtifactStore} for {@code s3://bucket/prefix?endpoint=...&region=...&pathStyle=...}
 * URIs; see {@link S3Settings} for every parameter. Registered for {@link java.util.ServiceLoader},
 * so {@code ArtifactStores.open("s3://...")} works as soon as this module is on the class path.
 *
 * <p>Usage: {@code ArtifactStores.open("s3://artifacts/prod?region=eu-west-1", Map.of("accessKey", id, "secretKey", secret))}
 */
public final class S3ArtifactStoreProvider implements ArtifactStoreProvider {
  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public ArtifactStore open(URI uri, Map<String, String> options) {
    return S3ArtifactStore.open(S3Settings.parse(uri, options));
  }
}
