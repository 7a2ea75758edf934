package dev.agentstore.internal;

import dev.agentstore.SecretsException;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.SecretKeys;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendTransaction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret-keeping state of one open store: the sealer, the API-key hashing key and the
 * store-wide record that secrets exist.
 *
 * <p>The API-key hashing key is 32 random bytes made when a store is first opened with a key,
 * kept in the settings table sealed by the key provider ({@code secrets.hash_key.<n>}). It is
 * never rotated (that would invalidate every issued key); rotation re-seals it as a new
 * generation under the new primary key, so old keys can be removed. The setting
 * {@code secrets.present} is written in the same transaction as the first sealed value or API
 * key, so a store that holds secrets refuses to open without a key.
 *
 * <p>Usage: {@code StoreSecrets s = StoreSecrets.open(backend, provider); s.apiKeyHash(plain);}
 */
final class StoreSecrets {
  static final String PRESENT = "secrets.present";
  static final String HASH_KEY = "secrets.hash_key.";
  private static final int MAX_GENERATIONS = 100_000;
  private static final String HASH_SCOPE = "StoreSetting";
  private static final String HASH_ID = "store";
  private static final String HASH_NAME = "api_key_hash_key";

  private final SecretSealer sealer;
  private final TinkSealer tink;
  private volatile byte[] hashKey;
  private final boolean presentKnown;

  private StoreSecrets(TinkSealer tink, byte[] hashKey, boolean present) {
    this.tink = tink;
    this.sealer = tink == null ? SecretSealer.NONE : tink;
    this.hashKey = hashKey;
    this.presentKnown = present;
  }

  /** Loads the keys from {@code provider} and checks them against what the store holds. */
  static StoreSecrets open(Backend backend, KeyProvider provider) {
    boolean present = backend.read(tx -> tx.setting(PRESENT).isPresent());
    Optional<SecretKeys> keys = provider.keys(
        new KeyProvider.Context(backend.dataDirectory(), present));
    if (keys == null || keys.isEmpty()) {
      if (present) {
        throw new SecretsException("this store holds secret values or API keys, but no secret"
            + " key is configured: set AgentStore.builder().keyProvider(...) to the keyset it"
            + " was written with (see docs/secrets.md)");
      }
      return new StoreSecrets(null, null, false);
    }
    TinkSealer tink = new TinkSealer(keys.get());
    // Usually a stored hashing key opens with the configured key: a read, no write transaction
    // (and no fsync) on every open. Anything else is settled under the write lock.
    Optional<byte[]> current = backend.read(tx -> openNewest(generations(tx), tink, null));
    if (current.isPresent()) {
      return new StoreSecrets(tink, current.get(), present);
    }
    byte[] hashKey = backend.write(tx -> {
      List<String> gens = generations(tx);
      List<SecretsException> failures = new ArrayList<>();
      Optional<byte[]> opened = openNewest(gens, tink, failures);
      if (opened.isPresent()) {
        return opened.get();
      }
      if (!failures.isEmpty() && present) {
        throw new SecretsException("the configured key does not open this store's secrets: "
            + failures.get(0).getMessage());
      }
      // No hashing key yet, or only under a key that never sealed anything still stored.
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      String stored = tx.settingIfAbsent(HASH_KEY + (gens.size() + 1),
          tink.sealBytes(HASH_SCOPE, HASH_ID, HASH_NAME, fresh));
      return tink.openBytes(HASH_SCOPE, HASH_ID, HASH_NAME, stored);
    });
    return new StoreSecrets(tink, hashKey, present);
  }

  /**
   * The hashing key from the newest generation that opens with {@code tink}, or empty; each
   * generation that does not open adds its error to {@code failures} (when not null).
   */
  private static Optional<byte[]> openNewest(List<String> gens, TinkSealer tink,
      List<SecretsException> failures) {
    for (int i = gens.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(tink.openBytes(HASH_SCOPE, HASH_ID, HASH_NAME, gens.get(i)));
      } catch (SecretsException e) {
        if (failures != null) {
          failures.add(e);
        }
      }
    }
    return Optional.empty();
  }

  /** The Tink sealer of this store, or null without a key (import seals the hashing key). */
  TinkSealer tink() {
    return tink;
  }

  /** Opens a hashing-key generation sealed by {@code with} (an import checks the archive's). */
  static byte[] openHashKey(TinkSealer with, String sealed) {
    return with.openBytes(HASH_SCOPE, HASH_ID, HASH_NAME, sealed);
  }

  /** Seals a hashing key under this store's key (an import re-sealing the archive's). */
  String sealHashKey(byte[] key) {
    requireKey("API keys");
    return tink.sealBytes(HASH_SCOPE, HASH_ID, HASH_NAME, key);
  }

  /**
   * Uses {@code key} as the hashing key from now on: an import committed the archive's, so the
   * API keys it brought validate without reopening the store.
   */
  void adoptHashKey(byte[] key) {
    this.hashKey = key.clone();
  }

  /** The sealer of this store ({@link SecretSealer#NONE} without a key). */
  SecretSealer sealer() {
    return sealer;
  }

  /**
   * Records, in {@code tx}, that the store now holds secrets. One primary-key read per sealing
   * write until the store is reopened: caching a write made by a transaction that may still roll
   * back could lose the record.
   */
  void markPresent(BackendTransaction tx, Instant now) {
    if (presentKnown) {
      return;
    }
    if (tx.setting(PRESENT).isEmpty()) {
      tx.settingIfAbsent(PRESENT, now.toString());
    }
  }

  /** The keyed hash stored for an API key: HMAC-SHA256, unpadded base64url. */
  String apiKeyHash(String plaintext) {
    requireKey("API keys");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Refuses {@code what} when no key is configured. */
  void requireKey(String what) {
    if (tink == null) {
      throw new SecretsException("cannot use " + what + ": no secret key is configured for this"
          + " store (set AgentStore.builder().keyProvider(...); see docs/secrets.md)");
    }
  }

  /** Whether the newest hashing-key generation is sealed under the primary key. */
  boolean hashKeyCurrent(BackendTransaction tx) {
    List<String> gens = generations(tx);
    return !gens.isEmpty() && tink.isCurrent(gens.get(gens.size() - 1));
  }

  /** Seals the hashing key again under the primary key as a new generation. */
  void resealHashKey(BackendTransaction tx) {
    requireKey("rotation");
    int next = generations(tx).size() + 1;
    tx.settingIfAbsent(HASH_KEY + next, tink.sealBytes(HASH_SCOPE, HASH_ID, HASH_NAME, hashKey));
  }

  private static List<String> generations(BackendTransaction tx) {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= MAX_GENERATIONS; n++) {
      Optional<String> g = tx.setting(HASH_KEY + n);
      if (g.isEmpty()) {
        break;
      }
      out.add(g.get());
    }
    return out;
  }
}
