package dev.agentstore.tck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A reproducible stream of pseudo-random bytes (xorshift64) of a given length, generated as it is
 * read: large test objects without holding them in memory. Optionally fails with an
 * {@link IOException} after {@code failAfter} bytes, like a dropped upload.
 *
 * <p>Usage: {@code store.put(key, new DeterministicStream(seed, 64L << 20), options)}
 */
public final class DeterministicStream extends InputStream {
  private long state;
  private long word;
  private int wordBytes;
  private long position;
  private final long size;
  private final long failAfter;

  /** {@code size} bytes from {@code seed}. */
  public DeterministicStream(long seed, long size) {
    this(seed, size, Long.MAX_VALUE);
  }

  /** {@code size} bytes from {@code seed}, throwing once {@code failAfter} bytes were read. */
  public DeterministicStream(long seed, long size, long failAfter) {
    this.state = (seed * 0x9E3779B97F4A7C15L) | 1;
    this.size = size;
    this.failAfter = failAfter;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= failAfter) {
      throw new IOException("simulated failure of the upload stream after " + position + " bytes");
    }
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(len, Math.min(size, failAfter) - position);
    for (int i = 0; i < n; i++) {
      if (wordBytes == 0) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        word = state;
        wordBytes = 8;
      }
      b[off + i] = (byte) word;
      word >>>= 8;
      wordBytes--;
    }
    position += n;
    return n;
  }

  /** The bytes as an array, for small objects. */
  public static byte[] bytes(long seed, int size) {
    try {
      return new DeterministicStream(seed, size).readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 (lowercase hex) of the {@code size} bytes from {@code seed}, computed by streaming. */
  public static String sha256(long seed, long size) {
    try (InputStream in = new DeterministicStream(seed, size)) {
      return sha256(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 (lowercase hex) of what remains in {@code in}, read in chunks. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) >= 0; ) {
      sha.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
