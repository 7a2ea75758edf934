package dev.agentstore.internal;

import dev.agentstore.Kind;
import dev.agentstore.SecretsException;

/**
 * Seals and opens secret values, binding each ciphertext to (kind, resource id, value name) so a
 * ciphertext copied to another resource or name fails to open.
 *
 * <p>Usage: {@code String sealed = sealer.seal(Kind.ENVIRONMENT, envId, "TOKEN", plaintext);}
 */
public interface SecretSealer {

  /** Seals {@code plaintext}; the result is safe to store. */
  String seal(Kind kind, String resourceId, String name, String plaintext);

  /** Opens what {@link #seal} produced for the same (kind, resource id, name). */
  String open(Kind kind, String resourceId, String name, String sealed);

  /** Whether {@code stored} was sealed under the current primary key (rotation skips those). */
  default boolean isCurrent(String stored) {
    return true;
  }

  /** A sealer for a store without a key: any secret write or read is refused, never stored plainly. */
  SecretSealer NONE = new SecretSealer() {
    @Override
    public String seal(Kind kind, String resourceId, String name, String plaintext) {
      throw new SecretsException("cannot store secret value '" + name + "' of " + resourceId
          + ": no secret key is configured for this store");
    }

    @Override
    public String open(Kind kind, String resourceId, String name, String sealed) {
      throw new SecretsException("cannot open secret value '" + name + "' of " + resourceId
          + ": no secret key is configured for this store");
    }
  };
}
