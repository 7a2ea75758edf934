package dev.agentstore.spi;

import dev.agentstore.observe.StoreObserver;
import java.util.Map;

/**
 * What a backend is opened with: the URI the caller gave and any options (from the URI's query
 * string and the builder).
 *
 * <p>Usage: {@code provider.open(new BackendConfig("local:/tmp/s", Map.of()))}
 *
 * @param uri the store URI as given
 * @param options named settings, e.g. {@code poolSize}
 * @param observer the store's observer (already {@link StoreObserver#forDatabase for the
 *     database}), told of lock waits and handed the pools to watch; null when none
 */
public record BackendConfig(String uri, Map<String, String> options, StoreObserver observer) {
  /** Copies the options. */
  public BackendConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A config without an observer. */
  public BackendConfig(String uri, Map<String, String> options) {
    this(uri, options, null);
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
