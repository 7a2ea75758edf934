package dev.agentstore;

import java.time.Instant;
import java.util.Map;

/**
 * What one {@link Maintenance#run} did.
 *
 * <p>Usage: {@code long gone = store.maintenance().run().deleted().get(Kind.AGENT_EXECUTION).deleted();}
 *
 * @param ranAt the store's clock when the pass began (the retentions count back from it, and a
 *     resource whose {@code metadata.expiresAt} is at or before it has expired)
 * @param deleted what the retentions deleted, per kind that has a retention
 * @param expired what was deleted for its {@code metadata.expiresAt}, per kind that had any
 *     expired resource (deleted or blocked)
 * @param historyEntriesPruned history entries pruned (0 without a history retention)
 */
public record MaintenanceReport(Instant ranAt, Map<Kind, DeleteResult> deleted,
    Map<Kind, DeleteResult> expired, long historyEntriesPruned) {

  /** Copies the maps. */
  public MaintenanceReport {
    deleted = Map.copyOf(deleted);
    expired = Map.copyOf(expired);
  }

  /** Resources deleted over all kinds, by retention and by expiry. */
  public long totalDeleted() {
    return deleted.values().stream().mapToLong(DeleteResult::deleted).sum()
        + expired.values().stream().mapToLong(DeleteResult::deleted).sum();
  }
}
