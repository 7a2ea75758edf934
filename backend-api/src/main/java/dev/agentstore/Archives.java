package dev.agentstore;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares two stores as their archives would: counts and content digests of every section
 * (each kind's resources and items, history, settings, artifacts). Nothing is written anywhere;
 * each store is read in one snapshot.
 *
 * <p>Usage: {@code VerifyReport report = Archives.verify(source, target);}
 */
public final class Archives {
  private Archives() {}

  /** Compares {@code source} with {@code target}; the report lists every difference. */
  public static VerifyReport verify(AgentStore source, AgentStore target) {
    return compare(summary(source), summary(target));
  }

  /** A store's summary: without artifacts' bytes for agentstore's stores, which do not need them. */
  private static ArchiveSummary summary(AgentStore store) {
    if (store instanceof dev.agentstore.internal.DefaultAgentStore d) {
      return d.archiveSummary();
    }
    return store.exporter().to(OutputStream.nullOutputStream());
  }

  /** Compares two summaries (of stores or archives); the report lists every difference. */
  public static VerifyReport compare(ArchiveSummary source, ArchiveSummary target) {
    List<String> differences = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>(source.sections().keySet());
    names.addAll(target.sections().keySet());
    for (String name : names) {
      ArchiveSummary.Section s = source.sections().get(name);
      ArchiveSummary.Section t = target.sections().get(name);
      if (s == null || t == null) {
        differences.add(name + ": only in the " + (s == null ? "target" : "source"));
      } else if (s.count() != t.count()) {
        differences.add(name + ": " + s.count() + " records in the source, " + t.count()
            + " in the target");
      } else if (!s.digest().equals(t.digest())) {
        differences.add(name + ": same count (" + s.count() + "), different content");
      }
    }
    if (source.historySequence() != target.historySequence()) {
      differences.add("history sequence: " + source.historySequence() + " in the source, "
          + target.historySequence() + " in the target");
    }
    return new VerifyReport(source, target, differences);
  }

  /**
   * What {@link #verify} found.
   *
   * <p>Usage: {@code if (!report.identical()) System.err.println(report.differences());}
   *
   * @param source the source's summary
   * @param target the target's summary
   * @param differences one line per section that differs; empty when the stores are identical
   */
  public record VerifyReport(ArchiveSummary source, ArchiveSummary target,
      List<String> differences) {

    /** Copies the differences. */
    public VerifyReport {
      differences = List.copyOf(differences);
    }

    /** Whether the two stores hold the same data. */
    public boolean identical() {
      return differences.isEmpty();
    }
  }
}
