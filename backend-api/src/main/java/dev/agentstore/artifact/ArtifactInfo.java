package dev.agentstore.artifact;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link ArtifactStore#head} knows about a stored object, without its bytes.
 *
 * <p>Usage: {@code store.head("wex-01j9/report.pdf").map(ArtifactInfo::contentType)}
 *
 * @param key the store key
 * @param uri where the object lives, for people and logs
 * @param size length in bytes
 * @param sha256 lowercase hex SHA-256 of the content
 * @param contentType the media type given at put time
 * @param metadata the user metadata given at put time (lowercase keys)
 * @param lastModified when the current version was written
 */
public record ArtifactInfo(
    String key, URI uri, long size, String sha256, String contentType, Map<String, String> metadata, Instant lastModified) {
  /** Copies the metadata so the record stays immutable. */
  public ArtifactInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
    metadata = Map.copyOf(metadata);
    Objects.requireNonNull(lastModified, "lastModified");
  }

  /** The reference to keep in the database for this object. */
  public ArtifactRef ref() {
    return new ArtifactRef(key, uri, size, sha256, contentType);
  }
}
