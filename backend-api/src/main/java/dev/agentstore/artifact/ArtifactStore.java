package dev.agentstore.artifact;

import dev.agentstore.AgentStoreException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.UnavailableException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stores execution artifacts (files, reports, skill packages) outside the database. Bytes are
 * streamed: memory use does not depend on object size. Writes are atomic: a reader sees the
 * old object or the whole new one, never a part, also after a crash; a failed or rejected write
 * leaves nothing visible. Errors are the {@link AgentStoreException} subclasses: a bad key or range
 * is {@link InvalidArgumentException}, a missing object {@link NotFoundException}, an I/O failure
 * or unreachable server {@link UnavailableException}.
 *
 * <p>Keys follow {@link ArtifactKeys}. A key should not also be the folder of another key ({@code
 * a/b} and {@code a/b/c}): S3 allows it, the filesystem store rejects the second with {@link
 * FailedPreconditionException}.
 *
 * <p>Usage: {@code try (ArtifactStore s = ArtifactStores.open("file:/var/lib/agentstore/artifacts")) { s.put("wex-1/out.txt", in); }}
 */
public interface ArtifactStore extends AutoCloseable {
  /** Default and largest page size of {@link #list(String, String, int)}. */
  int MAX_PAGE_SIZE = 1000;

  /**
   * Stores {@code content} under {@code key}, replacing any object there, and returns its reference.
   * The stream is read to its end but not closed. If {@code options.expectedSha256()} is set and
   * differs from the content's digest, nothing is stored and {@link InvalidArgumentException} says
   * both digests.
   */
  ArtifactRef put(String key, InputStream content, ArtifactPutOptions options);

  /** {@link #put(String, InputStream, ArtifactPutOptions)} with {@link ArtifactPutOptions#defaults()}. */
  default ArtifactRef put(String key, InputStream content) {
    return put(key, content, ArtifactPutOptions.defaults());
  }

  /**
   * Stores {@code content} under {@code folder + <sha256 hex>}, once: if that key exists its
   * reference is returned and the existing object (with its content type and metadata) is kept.
   * When {@code options.expectedSha256()} is set and the object exists, the stream is not read.
   *
   * @param folder a folder prefix ending in {@code /}, such as {@code "skills/"}
   */
  ArtifactRef putContentAddressed(String folder, InputStream content, ArtifactPutOptions options);

  /** Streams the whole object; the caller closes the stream. */
  InputStream get(String key);

  /** Streams part of the object; a range starting at or past the end is {@link InvalidArgumentException}. */
  InputStream get(String key, ArtifactRange range);

  /** Size, digest, content type and metadata, or empty if there is no such object. */
  Optional<ArtifactInfo> head(String key);

  /** {@link #list(String, String, int)} with {@link #MAX_PAGE_SIZE} entries a page. */
  default ArtifactPage list(String prefix, String pageToken) {
    return list(prefix, pageToken, MAX_PAGE_SIZE);
  }

  /**
   * Lists the objects whose keys start with {@code prefix} (plain string prefix; {@code ""} lists
   * all) in UTF-8 byte order. {@code pageToken} is null for the first page, then the previous
   * page's token; a token from another prefix or a forged one is {@link InvalidArgumentException}.
   * Objects added behind the current position are not returned, none is returned twice.
   */
  ArtifactPage list(String prefix, String pageToken, int pageSize);

  /** Deletes the object; returns whether there was one. */
  boolean delete(String key);

  /**
   * Deletes every object under a folder prefix ending in {@code /}; returns how many were deleted.
   */
  long deletePrefix(String folder);

  /** Releases connections or handles; the default does nothing. */
  @Override
  default void close() {}
}
