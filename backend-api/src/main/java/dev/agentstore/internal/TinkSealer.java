package dev.agentstore.internal;

import dev.agentstore.Kind;
import dev.agentstore.SecretsException;
import dev.agentstore.secret.SecretKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals secret values with the store's Tink AEAD. A sealed value is
 * {@code agentstore:sealed:v1:} followed by the unpadded base64url Tink ciphertext (whose first
 * five bytes name the key). The associated data binds it to (kind, resource id, value name), each
 * length-prefixed, so a ciphertext copied anywhere else does not open. Messages never contain
 * plaintext or key material.
 *
 * <p>Usage: {@code String s = new TinkSealer(keys).seal(Kind.ENVIRONMENT, id, "TOKEN", "v");}
 */
final class TinkSealer implements SecretSealer {
  /** The prefix of every sealed value; the version allows a later format. */
  static final String PREFIX = "agentstore:sealed:v1:";
  private static final byte[] AAD_DOMAIN = "agentstore-secret-v1".getBytes(StandardCharsets.UTF_8);

  private final SecretKeys keys;

  TinkSealer(SecretKeys keys) {
    this.keys = keys;
  }

  SecretKeys keys() {
    return keys;
  }

  @Override
  public String seal(Kind kind, String resourceId, String name, String plaintext) {
    return sealBytes(kind.kindName(), resourceId, name,
        plaintext.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String open(Kind kind, String resourceId, String name, String sealed) {
    return new String(openBytes(kind.kindName(), resourceId, name, sealed),
        StandardCharsets.UTF_8);
  }

  /** Seals bytes under an arbitrary (scope, id, name) binding. */
  String sealBytes(String scope, String id, String name, byte[] plaintext) {
    try {
      byte[] ct = keys.aead().encrypt(plaintext, aad(scope, id, name));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(ct);
    } catch (GeneralSecurityException e) {
      throw new SecretsException("cannot seal secret value '" + name + "' of " + id + " with "
          + keys.source() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Opens what {@link #sealBytes} produced for the same binding. */
  byte[] openBytes(String scope, String id, String name, String sealed) {
    String what = "secret value '" + name + "' of " + id;
    byte[] ct = ciphertext(sealed).orElseThrow(() -> new SecretsException("cannot open " + what
        + ": it is not an agentstore sealed value (expected the prefix " + PREFIX + ")"));
    Optional<Integer> keyId = SecretKeys.keyIdOf(ct);
    if (keyId.isPresent() && keys.keyIds().isPresent()
        && !keys.keyIds().get().contains(keyId.get())) {
      throw new SecretsException("cannot open " + what + ": it was sealed with key id "
          + Integer.toUnsignedString(keyId.get()) + ", which is not an enabled key of "
          + keys.source() + " (key ids " + keys.idList() + "): the wrong keyset is configured,"
          + " or that key was removed before store.secrets().reencryptAll() moved every secret"
          + " off it");
    }
    try {
      return keys.aead().decrypt(ct, aad(scope, id, name));
    } catch (GeneralSecurityException e) {
      throw new SecretsException("cannot open " + what + " with " + keys.source()
          + ": authentication failed; the value was sealed for another resource or value name,"
          + " was altered, or the key does not match");
    }
  }

  @Override
  public boolean isCurrent(String stored) {
    return ciphertext(stored).map(keys::isUnderPrimary).orElse(false);
  }

  private static Optional<byte[]> ciphertext(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Length-prefixed (domain, scope, id, name): no two bindings share bytes. */
  static byte[] aad(String scope, String id, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : new byte[][] {AAD_DOMAIN, utf8(scope), utf8(id), utf8(name)}) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TinkSealer[" + keys + "]";
  }
}
