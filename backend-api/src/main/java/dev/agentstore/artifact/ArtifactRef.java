package dev.agentstore.artifact;

import java.net.URI;
import java.util.Objects;

/**
 * What the database keeps about an artifact: where it is and what it holds. The bytes stay in the
 * {@link ArtifactStore}.
 *
 * <p>Usage: {@code ArtifactRef ref = store.artifacts().put("wex-01j9/report.pdf", in, ArtifactPutOptions.defaults());}
 *
 * @param key the store key, {@code <scope>/<name>}
 * @param uri where the object lives, for people and logs ({@code file:} or {@code s3:}); read it through the store
 * @param size length in bytes
 * @param sha256 lowercase hex SHA-256 of the content
 * @param contentType the media type given at put time
 */
public record ArtifactRef(String key, URI uri, long size, String sha256, String contentType) {
  /** Checks that every field is present. */
  public ArtifactRef {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
  }
}
