package dev.agentstore;

import java.time.Instant;
import java.util.Map;

/**
 * What one {@link Maintenance#run} did.
 *
 * <p>Usage: {@code long gone = store.maintenance().run().deleted().get(Kind.AGENT_EXECUTION).deleted();}
 *
 * @param ranAt the store's clock when the pass began (the retentions count back from it)
 * @param deleted what was deleted, per kind that has a retention
 * @param historyEntriesPruned history entries pruned (0 without a history retention)
 */
public record MaintenanceReport(Instant ranAt, Map<Kind, DeleteResult> deleted,
    long historyEntriesPruned) {

  /** Copies the map. */
  public MaintenanceReport {
    deleted = Map.copyOf(deleted);
  }

  /** Resources deleted over all kinds. */
  public long totalDeleted() {
    return deleted.values().stream().mapToLong(DeleteResult::deleted).sum();
  }
}
