package dev.agentstore.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import dev.agentstore.SecretsException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a store seals secrets with, as a {@link KeyProvider} hands them over: a Tink
 * {@link Aead} plus, when the keys come from a Tink keyset, which key is primary (so rotation can
 * tell which ciphertexts are not under it) and which key ids exist (so errors can name a missing
 * key). Never prints key material.
 *
 * <p>Usage: {@code SecretKeys keys = SecretKeys.of(keysetHandle, "keyset file /etc/agentstore/master.key");}
 */
public final class SecretKeys {
  private static final byte TINK_PREFIX = 0x01;
  private static final int PREFIX_SIZE = 5;

  static {
    try {
      AeadConfig.register(); // key generation and parsing need the AEAD key types registered
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Makes sure Tink's AEAD key types are registered (runs the static initializer). */
  static void ensureRegistered() {}

  private final Aead aead;
  private final byte[] primaryPrefix;
  private final Set<Integer> keyIds;
  private final String source;

  private SecretKeys(Aead aead, byte[] primaryPrefix, Set<Integer> keyIds, String source) {
    this.aead = aead;
    this.primaryPrefix = primaryPrefix;
    this.keyIds = keyIds;
    this.source = source;
  }

  /**
   * Keys from a Tink AEAD keyset. The primary key must be AES256_GCM (the key every new
   * secret is sealed with); other enabled keys only open older ciphertexts.
   *
   * @param keyset the keyset
   * @param source where it came from, for error messages (never the key itself)
   */
  public static SecretKeys of(KeysetHandle keyset, String source) {
    if (keyset == null) {
      throw new SecretsException(source + ": no keyset");
    }
    KeysetHandle.Entry primary = keyset.getPrimary();
    if (!(primary.getKey() instanceof AeadKey primaryKey)
        || !(primaryKey.getParameters() instanceof AesGcmParameters gcm)
        || gcm.getKeySizeBytes() != 32) {
      throw new SecretsException(source + ": the primary key (id " + Integer.toUnsignedString(
          primary.getId()) + ") must be an AES256_GCM AEAD key, found "
          + primary.getKey().getParameters());
    }
    Set<Integer> ids = new TreeSet<>();
    for (int i = 0; i < keyset.size(); i++) {
      KeysetHandle.Entry e = keyset.getAt(i);
      if (e.getStatus() == KeyStatus.ENABLED) {
        ids.add(e.getId());
      }
    }
    try {
      Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
      return new SecretKeys(aead, primaryKey.getOutputPrefix().toByteArray(),
          Collections.unmodifiableSet(ids), source);
    } catch (GeneralSecurityException e) {
      throw new SecretsException(source + ": not a usable Tink AEAD keyset ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Keys behind a caller-supplied {@link Aead}, typically a cloud KMS key. The store cannot tell
   * which key version sealed a value, so {@code reencryptAll()} re-seals every value; the KMS
   * keeps older key versions able to decrypt.
   *
   * @param aead the AEAD
   * @param source a description for error messages, e.g. the KMS key URI
   */
  public static SecretKeys of(Aead aead, String source) {
    if (aead == null) {
      throw new SecretsException(source + ": no Aead");
    }
    return new SecretKeys(aead, null, null, source);
  }

  /** The AEAD that seals and opens. */
  public Aead aead() {
    return aead;
  }

  /** Where the keys came from (a path, a variable name, a KMS key); never key material. */
  public String source() {
    return source;
  }

  /** Whether this knows its primary key, so {@link #isUnderPrimary} can answer. */
  public boolean knowsPrimary() {
    return primaryPrefix != null && primaryPrefix.length == PREFIX_SIZE;
  }

  /** Whether {@code ciphertext} was sealed by the primary key; false when that is unknown. */
  public boolean isUnderPrimary(byte[] ciphertext) {
    return knowsPrimary() && ciphertext.length >= PREFIX_SIZE
        && Arrays.equals(ciphertext, 0, PREFIX_SIZE, primaryPrefix, 0, PREFIX_SIZE);
  }

  /** The Tink key id a ciphertext names in its prefix, if it has one. */
  public static Optional<Integer> keyIdOf(byte[] ciphertext) {
    if (ciphertext.length < PREFIX_SIZE || ciphertext[0] != TINK_PREFIX) {
      return Optional.empty();
    }
    return Optional.of(((ciphertext[1] & 0xff) << 24) | ((ciphertext[2] & 0xff) << 16)
        | ((ciphertext[3] & 0xff) << 8) | (ciphertext[4] & 0xff));
  }

  /** The ids of the enabled keys, or empty when unknown (a KMS {@link Aead}). */
  public Optional<Set<Integer>> keyIds() {
    return Optional.ofNullable(keyIds);
  }

  @Override
  public String toString() {
    return "SecretKeys[" + source + (keyIds == null ? "" : ", key ids " + idList()) + "]";
  }

  /** The enabled key ids as unsigned decimals, for messages. */
  public String idList() {
    return keyIds == null ? "(unknown)"
        : keyIds.stream().map(Integer::toUnsignedString).toList().toString();
  }
}
