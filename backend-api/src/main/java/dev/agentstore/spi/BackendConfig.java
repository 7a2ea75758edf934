package dev.agentstore.spi;

import java.util.Map;

/**
 * What a backend is opened with: the URI the caller gave and any options (from the URI's query
 * string and the builder).
 *
 * <p>Usage: {@code provider.open(new BackendConfig("local:/tmp/s", Map.of()))}
 *
 * @param uri the store URI as given
 * @param options named settings, e.g. {@code poolSize}
 */
public record BackendConfig(String uri, Map<String, String> options) {
  /** Copies the options. */
  public BackendConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** An option as an int, or {@code fallback}. */
  public int intOption(String name, int fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new dev.agentstore.InvalidArgumentException("option " + name + ": '" + v
          + "' is not a whole number");
    }
  }
}
