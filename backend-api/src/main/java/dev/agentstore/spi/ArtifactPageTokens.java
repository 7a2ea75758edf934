package dev.agentstore.spi;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The page token format artifact stores share: the last key returned, bound to the list prefix,
 * base64url-encoded. Keyset paging: the next page starts strictly after that key, so objects added
 * behind it are skipped and none repeats.
 *
 * <p>Usage: {@code String after = ArtifactPageTokens.decode(prefix, token).orElse(null);}
 */
public final class ArtifactPageTokens {
  private static final String MAGIC = "as-artifacts-1";

  private ArtifactPageTokens() {}

  /** The token for the page after {@code lastKey}. */
  public static String encode(String prefix, String lastKey) {
    String raw = MAGIC + '\0' + prefix + '\0' + lastKey;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key to start after, or empty for a null token (the first page).
   *
   * @throws InvalidArgumentException if the token is forged or was issued for another prefix
   */
  public static Optional<String> decode(String prefix, String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\0", -1);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("page token is not one this store issued", e);
    }
    if (parts.length != 3 || !parts[0].equals(MAGIC) || !parts[2].startsWith(parts[1])) {
      throw new InvalidArgumentException("page token is not one this store issued");
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
}
