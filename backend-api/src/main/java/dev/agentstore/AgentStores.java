package dev.agentstore;

import dev.agentstore.internal.StoreCopy;
import dev.agentstore.secret.KeyProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Operations on whole stores. {@link #copy(String, String)} copies a store into another (SQLite
 * to PostgreSQL and back) without an intermediate file, with the fidelity of an export then an
 * import: ids, versions, timestamps, actors, items with their sequences, history with its
 * sequence numbers, API-key hashes, settings and artifacts; secrets stay sealed, re-sealed under
 * the target's key when the two keys differ. A copy that stopped (crash, kill, error) resumes
 * where it stopped when run again, with no duplicates (docs/portability.md, "Copy").
 *
 * <p>Usage: {@code CopyReport r = AgentStores.copy().from(source).to("postgresql://db/x").keyProvider(keys).progress(listener).run();}
 */
public final class AgentStores {
  /** Records per target transaction when not set. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  private AgentStores() {}

  /**
   * Copies the store at {@code fromUri} into the new, empty store at {@code toUri} (or resumes
   * an unfinished copy of it there), opening and closing both with their defaults.
   */
  public static CopyReport copy(String fromUri, String toUri) {
    return copy().from(fromUri).to(toUri).run();
  }

  /** A copy with options: stores or URIs on each side, keys, progress, batch size. */
  public static Copy copy() {
    return new Copy();
  }

  /**
   * The options of a copy; {@link #run} does it.
   *
   * <p>Usage: {@code AgentStores.copy().from(AgentStore.builder().uri(a).keyProvider(k)).to(b).run();}
   */
  public static final class Copy {
    private AgentStore fromStore;
    private AgentStore toStore;
    private AgentStore.Builder fromBuilder;
    private AgentStore.Builder toBuilder;
    private KeyProvider keys;
    private ProgressListener listener = ProgressListener.NONE;
    private int batchSize = DEFAULT_BATCH_SIZE;

    private Copy() {}

    /** The source: the store at this URI, opened for the copy and closed after. */
    public Copy from(String uri) {
      return from(AgentStore.builder().uri(required(uri, "from")));
    }

    /** The source: a store opened by this builder for the copy and closed after. */
    public Copy from(AgentStore.Builder builder) {
      this.fromBuilder = required(builder, "from");
      this.fromStore = null;
      return this;
    }

    /** The source: an open store (left open). */
    public Copy from(AgentStore store) {
      this.fromStore = required(store, "from");
      this.fromBuilder = null;
      return this;
    }

    /** The target: the store at this URI, opened for the copy and closed after. */
    public Copy to(String uri) {
      return to(AgentStore.builder().uri(required(uri, "to")));
    }

    /** The target: a store opened by this builder for the copy and closed after. */
    public Copy to(AgentStore.Builder builder) {
      this.toBuilder = required(builder, "to");
      this.toStore = null;
      return this;
    }

    /** The target: an open store (left open). */
    public Copy to(AgentStore store) {
      this.toStore = required(store, "to");
      this.toBuilder = null;
      return this;
    }

    /**
     * The key both stores opened from a URI or builder use (the usual case: the same keyset on
     * both sides). With different keys, open each store with its own and pass the stores or
     * builders: the target's secrets are then re-sealed under its key.
     */
    public Copy keyProvider(KeyProvider provider) {
      this.keys = required(provider, "keyProvider");
      return this;
    }

    /** Tells {@code progress} how far the copy got after every batch. */
    public Copy progress(ProgressListener progress) {
      this.listener = required(progress, "progress");
      return this;
    }

    /** Records per target transaction (1..10000, default {@value #DEFAULT_BATCH_SIZE}). */
    public Copy batchSize(int records) {
      if (records < 1 || records > 10_000) {
        throw new InvalidArgumentException("batchSize", "must be between 1 and 10000, got "
            + records);
      }
      this.batchSize = records;
      return this;
    }

    /**
     * Copies, or resumes the unfinished copy of the same source in the target. Raises
     * {@link FailedPreconditionException} when the target is not empty and holds no unfinished
     * copy of this source, or when the source changed since that copy started (nothing is
     * changed then), and {@link SecretsException} when the target's key cannot hold the source's
     * secrets.
     */
    public CopyReport run() {
      if (fromStore == null && fromBuilder == null) {
        throw new InvalidArgumentException("from", "required");
      }
      if (toStore == null && toBuilder == null) {
        throw new InvalidArgumentException("to", "required");
      }
      AgentStore source = fromStore != null ? fromStore : open(fromBuilder);
      try {
        AgentStore target = toStore != null ? toStore : open(toBuilder);
        try {
          return StoreCopy.run(source, target, listener, batchSize);
        } finally {
          if (toStore == null) {
            target.close();
          }
        }
      } finally {
        if (fromStore == null) {
          source.close();
        }
      }
    }

    private AgentStore open(AgentStore.Builder builder) {
      if (keys != null) {
        builder.keyProvider(keys);
      }
      return builder.open();
    }

    private static <T> T required(T value, String what) {
      if (value == null) {
        throw new InvalidArgumentException(what, "required");
      }
      return value;
    }
  }

  /**
   * What a copy did.
   *
   * <p>Usage: {@code long rows = report.records(); boolean again = report.resumed();}
   *
   * @param resumed whether it continued an unfinished copy
   * @param historySequence the source's highest history sequence
   * @param sections per section (the archive's names), records in the target, including those
   *     an earlier run of a resumed copy wrote
   * @param artifactBytes artifact bytes this run copied
   */
  public record CopyReport(boolean resumed, long historySequence, Map<String, Long> sections,
      long artifactBytes) {

    /** Copies the sections, keeping their order. */
    public CopyReport {
      sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** Records copied in all sections. */
    public long records() {
      return sections.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
