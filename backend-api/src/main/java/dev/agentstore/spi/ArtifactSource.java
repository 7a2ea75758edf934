package dev.agentstore.spi;

import dev.agentstore.AgentStoreException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactKeys;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The caller's content as a store reads it: counts bytes and computes SHA-256 on the way, and turns
 * a failure of the caller's stream into an {@link AgentStoreException} that says nothing was stored.
 *
 * <p>Usage: {@code ArtifactSource src = new ArtifactSource(key, in); while ((n = src.read(buf, 0, buf.length)) > 0) sink(buf, n); src.verify(opts.expectedSha256());}
 */
public final class ArtifactSource {
  private final String key;
  private final InputStream in;
  private final MessageDigest sha256 = newSha256();
  private long size;
  private String hex;

  /** Wraps {@code in}, the content for {@code key}. */
  public ArtifactSource(String key, InputStream in) {
    this.key = key;
    this.in = ArtifactKeys.requirePresent(in, "content");
  }

  /** Reads like {@link InputStream#read(byte[], int, int)}: -1 at the end. */
  public int read(byte[] buf, int off, int len) {
    int n;
    try {
      n = in.read(buf, off, len);
    } catch (IOException e) {
      throw new AgentStoreException("reading the content for artifact \"" + key + "\" failed after " + size
          + " bytes; nothing was stored", e);
    }
    if (n > 0) {
      sha256.update(buf, off, n);
      size += n;
    }
    return n;
  }

  /** Fills {@code buf} from the start; returns how many bytes it holds, fewer only at the end. */
  public int fill(byte[] buf) {
    int filled = 0;
    while (filled < buf.length) {
      int n = read(buf, filled, buf.length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  /** Bytes read so far. */
  public long size() {
    return size;
  }

  /** The lowercase hex SHA-256 of everything read; call once the stream is at its end. */
  public String sha256() {
    if (hex == null) {
      hex = HexFormat.of().formatHex(sha256.digest());
    }
    return hex;
  }

  /**
   * Checks the digest against the caller's expectation.
   *
   * @throws InvalidArgumentException "expected sha256 X but content has Y" on a mismatch
   */
  public void verify(Optional<String> expectedSha256) {
    if (expectedSha256.isPresent() && !expectedSha256.get().equals(sha256())) {
      throw new InvalidArgumentException("expected sha256 " + expectedSha256.get() + " but content has " + sha256()
          + "; nothing was stored for artifact \"" + key + "\"");
    }
  }

  /** A fresh SHA-256 digest (every JVM has it). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
