package dev.agentstore.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an {@link ArtifactPage}: what a listing knows cheaply. Use {@link ArtifactStore#head}
 * for the digest, content type and metadata.
 *
 * <p>Usage: {@code page.items().forEach(s -> System.out.println(s.key() + " " + s.size()));}
 *
 * @param key the store key
 * @param size length in bytes
 * @param lastModified when the current version was written
 */
public record ArtifactSummary(String key, long size, Instant lastModified) {
  /** Checks that every field is present. */
  public ArtifactSummary {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
