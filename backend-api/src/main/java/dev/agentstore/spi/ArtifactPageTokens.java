package dev.agentstore.spi;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The page tokens artifact stores share: the last key returned, bound to the list prefix and
 * authenticated with an HMAC, base64url-encoded. Keyset paging: the next page starts strictly
 * after that key, so objects added behind it are skipped and none repeats.
 *
 * <p>Each instance signs with a random key made when it is constructed (one instance per artifact
 * store), so a tampered or forged token is refused, and tokens do not survive a restart of the
 * store (a caller then lists again from the first page).
 *
 * <p>Usage: {@code String after = tokens.decode(prefix, token).orElse(null);} with
 * {@code tokens = new ArtifactPageTokens()} made once per store.
 */
public final class ArtifactPageTokens {
  private static final String MAGIC = "as-artifacts-2";
  private static final int MAC_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key = new byte[32];

  /** Tokens signed with a new random key, valid only for this instance. */
  public ArtifactPageTokens() {
    RANDOM.nextBytes(key);
  }

  /** The token for the page after {@code lastKey}. */
  public String encode(String prefix, String lastKey) {
    byte[] body = (MAGIC + '\0' + prefix + '\0' + lastKey).getBytes(StandardCharsets.UTF_8);
    byte[] token = Arrays.copyOf(body, body.length + MAC_BYTES);
    System.arraycopy(mac(body), 0, token, body.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /**
   * The key to start after, or empty for a null token (the first page).
   *
   * @throws InvalidArgumentException if the token is forged, altered, from another store instance
   *     or was issued for another prefix
   */
  public Optional<String> decode(String prefix, String token) {
    if (token == null) {
      return Optional.empty();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw notIssued();
    }
    // Only the exact string issued is a token (the decoder ignores unused bits and padding).
    if (raw.length <= MAC_BYTES
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
      throw notIssued();
    }
    byte[] body = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(raw, body.length, raw.length))) {
      throw notIssued();
    }
    String[] parts = new String(body, StandardCharsets.UTF_8).split("\0", -1);
    if (parts.length != 3 || !parts[0].equals(MAGIC) || !parts[2].startsWith(parts[1])) {
      throw notIssued();
    }
    if (!parts[1].equals(prefix)) {
      throw new InvalidArgumentException("page token was issued for another prefix than \"" + prefix + "\"");
    }
    return Optional.of(parts[2]);
  }

  /** Returns {@code pageSize} if it is 1 to {@link ArtifactStore#MAX_PAGE_SIZE}. */
  public static int requirePageSize(int pageSize) {
    if (pageSize < 1 || pageSize > ArtifactStore.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException("page size must be 1 to " + ArtifactStore.MAX_PAGE_SIZE + ", was " + pageSize);
    }
    return pageSize;
  }

  private byte[] mac(byte[] body) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(m.doFinal(body), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static InvalidArgumentException notIssued() {
    return new InvalidArgumentException("page token is not one this store issued or was altered;"
        + " pass it exactly as returned, to the store that returned it");
  }
}
