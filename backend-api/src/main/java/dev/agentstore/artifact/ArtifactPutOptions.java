package dev.agentstore.artifact;

import dev.agentstore.InvalidArgumentException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How to store an artifact: content type, user metadata and, optionally, the SHA-256 the content
 * must have (a mismatch stores nothing). Checked when built, so every store applies the same rules:
 * metadata keys are lowercase {@code [a-z0-9-]} (S3 sends them as HTTP headers), values printable
 * ASCII, keys and values together at most {@value #MAX_METADATA_BYTES} bytes (S3's limit), and keys
 * starting with {@value #RESERVED_METADATA_PREFIX} are reserved for the stores.
 *
 * <p>Usage: {@code ArtifactPutOptions.builder().contentType("application/pdf").metadata("step", "render").build()}
 */
public final class ArtifactPutOptions {
  /** The content type used when none is given. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
  /** Largest total size of metadata keys plus values, in bytes. */
  public static final int MAX_METADATA_BYTES = 2048;
  /** Metadata keys starting with this are reserved for the stores' own bookkeeping. */
  public static final String RESERVED_METADATA_PREFIX = "agentstore-";

  private static final Pattern METADATA_KEY = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
  private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]*");
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;[\\x20-\\x7E]*)?");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ArtifactPutOptions DEFAULTS = builder().build();

  private final String contentType;
  private final Map<String, String> metadata;
  private final String expectedSha256;

  private ArtifactPutOptions(Builder b) {
    this.contentType = b.contentType;
    this.metadata = Map.copyOf(b.metadata);
    this.expectedSha256 = b.expectedSha256;
  }

  /** Content type {@value #DEFAULT_CONTENT_TYPE}, no metadata, no expected digest. */
  public static ArtifactPutOptions defaults() {
    return DEFAULTS;
  }

  /** Starts a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The media type stored with the object. */
  public String contentType() {
    return contentType;
  }

  /** User metadata stored with the object (immutable). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The lowercase hex SHA-256 the content must have, if the caller knows it. */
  public Optional<String> expectedSha256() {
    return Optional.ofNullable(expectedSha256);
  }

  /** Builds {@link ArtifactPutOptions}; every setter validates its input at once. */
  public static final class Builder {
    private String contentType = DEFAULT_CONTENT_TYPE;
    private final Map<String, String> metadata = new TreeMap<>();
    private String expectedSha256;

    private Builder() {}

    /** Sets the media type, such as {@code text/plain; charset=utf-8}. */
    public Builder contentType(String contentType) {
      if (contentType == null || contentType.length() > 255 || !CONTENT_TYPE.matcher(contentType).matches()) {
        throw new InvalidArgumentException("contentType must look like type/subtype[; params] in printable ASCII, at most 255 chars, was " + contentType);
      }
      this.contentType = contentType;
      return this;
    }

    /** Adds one metadata entry. */
    public Builder metadata(String key, String value) {
      if (key == null || !METADATA_KEY.matcher(key).matches()) {
        throw new InvalidArgumentException("metadata key must be 1-64 chars of [a-z0-9-], starting and ending alphanumeric, was " + key);
      }
      if (key.startsWith(RESERVED_METADATA_PREFIX)) {
        throw new InvalidArgumentException("metadata key " + key + " starts with '" + RESERVED_METADATA_PREFIX + "', which is reserved for the store");
      }
      if (value == null || !PRINTABLE.matcher(value).matches()) {
        throw new InvalidArgumentException("metadata value for " + key + " must be printable ASCII (no control characters)");
      }
      metadata.put(key, value);
      int total = metadata.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
      if (total > MAX_METADATA_BYTES) {
        metadata.remove(key);
        throw new InvalidArgumentException("metadata is " + total + " bytes, more than " + MAX_METADATA_BYTES);
      }
      return this;
    }

    /** Adds every entry of the map. */
    public Builder metadata(Map<String, String> entries) {
      entries.forEach(this::metadata);
      return this;
    }

    /** Requires the content to have this SHA-256 (hex, either case); otherwise nothing is stored. */
    public Builder expectedSha256(String hex) {
      String lower = hex == null ? null : hex.toLowerCase(Locale.ROOT);
      if (lower == null || !SHA256.matcher(lower).matches()) {
        throw new InvalidArgumentException("expectedSha256 must be 64 hex characters, was " + hex);
      }
      this.expectedSha256 = lower;
      return this;
    }

    /** The options. */
    public ArtifactPutOptions build() {
      return new ArtifactPutOptions(this);
    }
  }
}
