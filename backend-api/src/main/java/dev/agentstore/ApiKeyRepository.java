package dev.agentstore;

import dev.agentstore.model.ApiKey;
import dev.agentstore.model.IssuedApiKey;
import java.time.Instant;
import java.util.Optional;

/**
 * API keys: {@link #issue} makes a key and returns its plaintext once; the store keeps only an
 * HMAC-SHA256 keyed hash and a short fingerprint. {@link #verify} finds a key by that hash. Keys
 * are made only by {@code issue}, so this repository has no {@code create} or {@code apply}; and
 * {@code update} may change labels, name, expiry and identity but never the hash or fingerprint.
 *
 * <p>Usage:
 * <pre>{@code
 * IssuedApiKey issued = store.apiKeys().issue(org, "ci", Instant.now().plus(Duration.ofDays(90)));
 * send(issued.plaintext());                        // shown once, never stored
 * Optional<ApiKey> who = store.apiKeys().verify(headerValue);
 * }</pre>
 */
public interface ApiKeyRepository extends UpdatableRepository<ApiKey> {

  /** The prefix of every key this store issues. */
  String PREFIX = "ask_";

  /**
   * Issues a key named {@code name} in {@code org}; {@code expiresAt} may be null (never) and
   * must otherwise lie in the future. Refused with {@link SecretsException} when the store has
   * no secret key.
   */
  default IssuedApiKey issue(String org, String name, Instant expiresAt) {
    return issue(org, name, null, expiresAt);
  }

  /** Issues a key that acts for {@code identityAccountId} (may be null). */
  IssuedApiKey issue(String org, String name, String identityAccountId, Instant expiresAt);

  /**
   * Checks a presented key: the record when it is a live key of this store (and, in an org view,
   * of that org); empty when it is unknown or malformed. A known key that expired or was revoked
   * is refused with {@link PermissionDeniedException}. A successful check records
   * {@code status.lastUsedAt}, at most once a minute per key, so verifying does not write on
   * every request.
   */
  Optional<ApiKey> verify(String plaintext);

  /** Revokes a key (idempotent); returns the record. A revoked key never verifies again. */
  ApiKey revoke(String id);
}
