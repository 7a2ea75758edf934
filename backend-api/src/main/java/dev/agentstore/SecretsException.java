package dev.agentstore;

/**
 * A secret could not be sealed or opened: the key is missing or wrong, or a ciphertext does not belong where it was found. Never contains plaintext.
 *
 * <p>Usage: {@code catch (SecretsException e) { ... }}
 */
public class SecretsException extends AgentStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the error with a message that says what was wrong. */
  public SecretsException(String message) {
    super(message);
  }

  /** Creates the error with a message and the underlying cause. */
  public SecretsException(String message, Throwable cause) {
    super(message, cause);
  }
}
