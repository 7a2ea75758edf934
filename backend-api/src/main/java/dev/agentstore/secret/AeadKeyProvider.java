package dev.agentstore.secret;

import com.google.crypto.tink.Aead;
import java.util.Optional;

/**
 * Seals secrets with a caller-supplied Tink {@link Aead}: the hook for a cloud KMS. Every seal
 * and open is one call to that Aead, so a remote KMS adds a round trip per secret value. The KMS
 * owns key versions: it encrypts under its current version and decrypts older ones, and
 * {@code store.secrets().reencryptAll()} re-seals every value (the store cannot see which
 * version sealed one).
 *
 * <p>Usage, with any Tink {@code KmsClient} (for GCP KMS, tink-gcpkms's
 * {@code new GcpKmsClient().withDefaultCredentials()}):
 * <pre>{@code
 * Aead kms = kmsClient.getAead("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/agentstore");
 * AgentStore.builder().uri(uri).keyProvider(new AeadKeyProvider(kms, "gcp-kms agentstore")).open();
 * }</pre>
 */
public final class AeadKeyProvider implements KeyProvider {
  private final SecretKeys keys;

  /** Uses {@code aead}; {@code description} names it in error messages (e.g. the key URI). */
  public AeadKeyProvider(Aead aead, String description) {
    this.keys = SecretKeys.of(aead, "Aead " + description);
  }

  @Override
  public Optional<SecretKeys> keys(Context context) {
    return Optional.of(keys);
  }

  @Override
  public String toString() {
    return "AeadKeyProvider[" + keys.source() + "]";
  }
}
