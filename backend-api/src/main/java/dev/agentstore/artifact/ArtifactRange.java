package dev.agentstore.artifact;

import dev.agentstore.InvalidArgumentException;

/**
 * A byte range of an artifact for {@link ArtifactStore#get(String, ArtifactRange)}. A range that
 * runs past the end is cut at the end (as HTTP does); one that starts at or after the end is an
 * {@link InvalidArgumentException}.
 *
 * <p>Usage: {@code try (InputStream in = store.get(key, ArtifactRange.of(1024, 512))) { ... }}
 *
 * @param offset first byte, from 0
 * @param length how many bytes at most; {@link Long#MAX_VALUE} means to the end
 */
public record ArtifactRange(long offset, long length) {
  /** Rejects a negative offset and a length below 1. */
  public ArtifactRange {
    if (offset < 0) {
      throw new InvalidArgumentException("range offset must be >= 0, was " + offset);
    }
    if (length < 1) {
      throw new InvalidArgumentException("range length must be >= 1, was " + length);
    }
  }

  /** {@code length} bytes starting at {@code offset}. */
  public static ArtifactRange of(long offset, long length) {
    return new ArtifactRange(offset, length);
  }

  /** Everything from {@code offset} to the end. */
  public static ArtifactRange from(long offset) {
    return new ArtifactRange(offset, Long.MAX_VALUE);
  }

  /** The last byte (inclusive), as in an HTTP {@code Range} header; may lie past the end. */
  public long lastInclusive() {
    return length > Long.MAX_VALUE - offset ? Long.MAX_VALUE - 1 : offset + length - 1;
  }

  /**
   * How many bytes this range covers in an object of {@code size} bytes.
   *
   * @throws InvalidArgumentException if the range starts at or past the end
   */
  public long lengthWithin(String key, long size) {
    if (offset >= size) {
      throw outOfRange(key, size);
    }
    return Math.min(length, size - offset);
  }

  /** The error for a range that starts at or past the end ({@code size} -1 when unknown). */
  public InvalidArgumentException outOfRange(String key, long size) {
    String has = size < 0 ? "" : " of " + size + " bytes";
    return new InvalidArgumentException(
        "range starting at byte " + offset + " lies outside artifact " + ArtifactKeys.quote(key) + has);
  }
}
