package dev.agentstore.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The optional features a backend declares. The TCK runs the checks of every declared feature
 * (and fails a backend that declares one it does not have) and skips, with that reason, the
 * checks of features not declared.
 *
 * <p>Usage: {@code new Capabilities(EnumSet.of(Capabilities.Feature.DATA_FILES))}
 *
 * @param features the declared features
 */
public record Capabilities(Set<Feature> features) {

  /** Optional features. */
  public enum Feature {
    /** The data at rest lives in files that {@link Backend#dataFiles()} names (raw-byte secret scans). */
    DATA_FILES,
    /** Two stores may open the same database at once (separate processes or pools). */
    SHARED_OPEN,
    /** The backend pushes change notifications to other processes (e.g. LISTEN/NOTIFY). */
    CROSS_PROCESS_NOTIFY
  }

  /** Copies the set. */
  public Capabilities {
    features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
  }

  /** Whether {@code f} is declared. */
  public boolean has(Feature f) {
    return features.contains(f);
  }
}
