package dev.agentstore.secret;

import dev.agentstore.SecretsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Keys from a Tink JSON keyset held in an environment variable ({@code AGENTSTORE_KEYSET} by
 * default), as container platforms inject secrets. The value is the keyset JSON itself or its
 * standard base64 encoding (for platforms that mangle braces and quotes).
 *
 * <p>Usage: {@code AgentStore.builder().uri("postgresql://db/agents").keyProvider(new EnvironmentKeyProvider()).open()}
 */
public final class EnvironmentKeyProvider implements KeyProvider {
  /** The variable read by default. */
  public static final String DEFAULT_VARIABLE = "AGENTSTORE_KEYSET";

  private final String variable;
  private final Map<String, String> environment;

  /** Reads {@link #DEFAULT_VARIABLE} from the process environment. */
  public EnvironmentKeyProvider() {
    this(DEFAULT_VARIABLE);
  }

  /** Reads {@code variable} from the process environment. */
  public EnvironmentKeyProvider(String variable) {
    this(variable, System.getenv());
  }

  /** Reads {@code variable} from {@code environment} (e.g. a mounted secrets map). */
  public EnvironmentKeyProvider(String variable, Map<String, String> environment) {
    if (variable == null || variable.isBlank()) {
      throw new SecretsException("environment key provider: a variable name is required");
    }
    this.variable = variable;
    this.environment = environment == null ? Map.of() : environment;
  }

  @Override
  public Optional<SecretKeys> keys(Context context) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      throw new SecretsException("environment variable " + variable + " is not set; it must hold"
          + " a Tink JSON keyset (see docs/secrets.md)");
    }
    String json = value.strip();
    if (!json.startsWith("{")) {
      try {
        json = new String(Base64.getMimeDecoder().decode(json), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new SecretsException("environment variable " + variable + " holds neither a Tink"
            + " JSON keyset nor its base64 encoding");
      }
    }
    String source = "environment variable " + variable;
    return Optional.of(SecretKeys.of(KeysetFileKeyProvider.parse(json, source), source));
  }

  @Override
  public String toString() {
    return "EnvironmentKeyProvider[" + variable + "]";
  }
}
