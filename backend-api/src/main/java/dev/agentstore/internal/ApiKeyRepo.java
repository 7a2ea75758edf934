package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.ApiKeyRepository;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Metadata;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.RefField;
import dev.agentstore.ResourceType;
import dev.agentstore.model.ApiKey;
import dev.agentstore.model.ApiKeySpec;
import dev.agentstore.model.ApiKeyStatus;
import dev.agentstore.model.IssuedApiKey;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys over the generic repository: issues keys (plaintext returned once; HMAC-SHA256 keyed
 * hash and fingerprint stored), verifies them by hash with a constant-time comparison, revokes
 * them, and refuses records a caller tries to make or re-key by hand.
 *
 * <p>Usage: {@code new ApiKeyRepo(view).issue(org, "ci", null)}
 */
final class ApiKeyRepo extends Repo<ApiKey, ApiKeySpec, ApiKeyStatus>
    implements ApiKeyRepository {
  /** 40 base62 characters: about 238 random bits. */
  private static final int RANDOM_CHARS = 40;
  /** The fingerprint shows the prefix and the first 8 random characters (48 bits). */
  private static final int FINGERPRINT_CHARS = 8;
  /** lastUsedAt is written at most this often per key. */
  static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  ApiKeyRepo(View view) {
    super(ResourceType.API_KEY, view);
  }

  // ApiKeyRepository has no create or apply; these refuse the calls a cast to Repo could reach.
  @Override
  public ApiKey create(ApiKey resource) {
    throw new InvalidArgumentException("ApiKey: keys are made by apiKeys().issue(...), which"
        + " returns the plaintext once; create() cannot store a caller-supplied hash");
  }

  @Override
  public java.util.List<ApiKey> createAll(java.util.List<ApiKey> resources) {
    throw new InvalidArgumentException("ApiKey: keys are made by apiKeys().issue(...), which"
        + " returns the plaintext once; createAll() cannot store caller-supplied hashes");
  }

  @Override
  public ApiKey apply(ApiKey resource) {
    throw new InvalidArgumentException("ApiKey: keys are made by apiKeys().issue(...) and"
        + " changed by update(); apply() is not supported");
  }

  @Override
  public IssuedApiKey issue(String org, String name, String identityAccountId,
      Instant expiresAt) {
    core.secrets.requireKey("API keys");
    if (expiresAt != null && !expiresAt.isAfter(core.now())) {
      throw new InvalidArgumentException("expiresAt: must lie in the future, got " + expiresAt);
    }
    if (identityAccountId != null) {
      Ids.require(identityAccountId, Kind.IDENTITY_ACCOUNT, "identityAccountId");
    }
    StringBuilder random = new StringBuilder(PREFIX);
    for (int i = 0; i < RANDOM_CHARS; i++) {
      random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    String plaintext = random.toString();
    ApiKeySpec spec = ApiKeySpec.builder().keyHash(core.secrets.apiKeyHash(plaintext))
        .fingerprint(plaintext.substring(0, PREFIX.length() + FINGERPRINT_CHARS))
        .identityAccountId(identityAccountId).expiresAt(expiresAt).build();
    ApiKey key = retryingRaces(() -> view.runner().write(tx -> {
      StoredResource row = insert(tx, new ApiKey(Metadata.of(org, name), spec, null)).row();
      core.secrets.markPresent(tx, row.createdAt());
      return load(tx, row);
    }));
    return new IssuedApiKey(key, plaintext);
  }

  @Override
  public Optional<ApiKey> verify(String plaintext) {
    if (plaintext == null) {
      throw new InvalidArgumentException("plaintext: required");
    }
    core.secrets.requireKey("API keys");
    if (!wellFormed(plaintext)) {
      return Optional.empty();
    }
    String hash = core.secrets.apiKeyHash(plaintext);
    Optional<ApiKey> found = view.runner().read(tx -> byHash(tx, hash).map(r -> load(tx, r)));
    if (found.isEmpty() || !MessageDigest.isEqual(
        hash.getBytes(StandardCharsets.US_ASCII),
        String.valueOf(found.get().spec().keyHash()).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    ApiKey key = found.get();
    requireUsable(key);
    if (!needsTouch(key)) {
      return Optional.of(key);
    }
    // Re-check inside the write: a revoke that raced this verify wins.
    return Optional.of(retryingRaces(() -> view.runner().write(tx -> {
      StoredResource cur = require(tx, key.id());
      ApiKey now = load(tx, cur);
      requireUsable(now);
      if (!needsTouch(now)) {
        return now;
      }
      ApiKeyStatus s = now.status();
      return writeStatus(tx, cur, Json.toObject(new ApiKeyStatus(core.now(),
          s == null ? null : s.revokedAt(), s == null ? null : s.unknownFields()), "status"),
          null);
    })));
  }

  @Override
  public ApiKey revoke(String id) {
    Ids.require(id, kind, "id");
    return retryingRaces(() -> view.runner().write(tx -> {
      StoredResource cur = require(tx, id);
      ApiKey key = load(tx, cur);
      ApiKeyStatus s = key.status();
      if (s != null && s.revokedAt() != null) {
        return key;
      }
      return writeStatus(tx, cur, Json.toObject(new ApiKeyStatus(
          s == null ? null : s.lastUsedAt(), core.now(), s == null ? null : s.unknownFields()),
          "status"), null);
    }));
  }

  /** A revoked key stays revoked: its revokedAt can be neither cleared nor moved. */
  @Override
  ApiKey writeStatus(BackendTransaction tx, StoredResource cur, ObjectNode tree,
      Map<String, List<StoredItem>> storedItems) {
    JsonNode was = Json.parseTrusted(cur.statusJson()).get("revokedAt");
    if (was != null && !was.isNull()) {
      JsonNode next = tree == null ? null : tree.get("revokedAt");
      if (!was.equals(next)) {
        throw new FailedPreconditionException("status.revokedAt: " + cur.id()
            + " was revoked at " + was.asText() + "; a revoked key stays revoked");
      }
    }
    return super.writeStatus(tx, cur, tree, storedItems);
  }

  /** The hash and fingerprint are set by issue() only. */
  @Override
  void checkSpecChange(StoredResource cur, ResourceCodec.Encoded next) {
    JsonNode stored = Json.parseTrusted(cur.specJson());
    for (String field : List.of("keyHash", "fingerprint")) {
      if (!Objects.equals(stored.get(field), next.spec().get(field))) {
        throw new InvalidArgumentException("spec." + field + ": set by issue() and cannot be"
            + " changed; issue a new key instead");
      }
    }
  }

  private Optional<StoredResource> byHash(BackendTransaction tx, String hash) {
    StoredQuery q = StoredQuery.builder(1).org(view.org())
        .refs(Map.of(RefField.KEY_HASH, hash)).build();
    return tx.list(kind, q).stream().filter(view::sees).findFirst();
  }

  private void requireUsable(ApiKey key) {
    ApiKeyStatus s = key.status();
    if (s != null && s.revokedAt() != null) {
      throw new PermissionDeniedException("API key " + key.id() + " (" + key.spec().fingerprint()
          + ") was revoked at " + s.revokedAt());
    }
    Instant expires = key.spec().expiresAt();
    if (expires != null && !core.now().isBefore(expires)) {
      throw new PermissionDeniedException("API key " + key.id() + " (" + key.spec().fingerprint()
          + ") expired at " + expires);
    }
  }

  private boolean needsTouch(ApiKey key) {
    Instant last = key.status() == null ? null : key.status().lastUsedAt();
    return last == null || !core.now().isBefore(last.plus(LAST_USED_GRANULARITY));
  }

  private static boolean wellFormed(String s) {
    if (s.length() != PREFIX.length() + RANDOM_CHARS || !s.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < s.length(); i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
