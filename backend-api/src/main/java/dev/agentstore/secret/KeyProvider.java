package dev.agentstore.secret;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Supplies the keys that seal secret values and protect the API-key hashing key. Called once
 * when a store opens. Built in: {@link KeysetFileKeyProvider} (a Tink JSON keyset file, the
 * local default {@code <data dir>/master.key}), {@link EnvironmentKeyProvider} (a keyset in an
 * environment variable) and {@link AeadKeyProvider} (any Tink {@code Aead}, the hook for a cloud
 * KMS). Errors are {@link dev.agentstore.SecretsException}s that name the problem and never
 * contain key material.
 *
 * <p>Usage: {@code AgentStore.builder().uri(uri).keyProvider(new EnvironmentKeyProvider()).open()}
 */
@FunctionalInterface
public interface KeyProvider {

  /**
   * What the store knows when it asks for keys.
   *
   * @param dataDirectory the backend's directory, when it has one (the local backend)
   * @param storeHoldsSecrets whether the store already holds sealed values or API keys, so a
   *     provider must not invent a new key
   */
  record Context(Optional<Path> dataDirectory, boolean storeHoldsSecrets) {}

  /** The keys, or empty when this store has none (then secret writes and reads are refused). */
  Optional<SecretKeys> keys(Context context);

  /** No key: secrets and API keys are refused, and a store that holds some does not open. */
  static KeyProvider none() {
    return context -> Optional.empty();
  }

  /** A keyset the application loaded itself. */
  static KeyProvider of(KeysetHandle keyset, String source) {
    SecretKeys keys = SecretKeys.of(keyset, source);
    return context -> Optional.of(keys);
  }
}
