package dev.agentstore.model;

/**
 * A newly issued API key: the stored record and the plaintext key, returned this once and kept
 * nowhere. {@link #toString()} masks the plaintext.
 *
 * <p>Usage: {@code String shown = store.apiKeys().issue(org, "ci", null).plaintext();}
 *
 * @param key the stored record (hash and fingerprint only)
 * @param plaintext the key to hand to its user
 */
public record IssuedApiKey(ApiKey key, String plaintext) {

  /** Prints the record and {@code ***} for the key. */
  @Override
  public String toString() {
    return "IssuedApiKey[key=" + key + ", plaintext=***]";
  }
}
