package dev.agentstore.spi;

import dev.agentstore.Kind;

/**
 * The columns of a resource row that a write which leaves its documents alone needs: who owns
 * it, its version and its phase ({@link BackendTransaction#findHeadForUpdate}). An append to an
 * execution checks the phase and raises the version, so it reads these instead of the whole row
 * with its JSON documents.
 *
 * <p>Usage: {@code tx.findHeadForUpdate(Kind.AGENT_EXECUTION, id).map(StoredResourceHead::version)}
 *
 * @param kind the kind
 * @param id the resource id
 * @param org the owning org id
 * @param version the optimistic-concurrency version
 * @param phase the execution phase, or null for kinds without one
 */
public record StoredResourceHead(Kind kind, String id, String org, long version, String phase) {

  /** The head of a whole row. */
  public static StoredResourceHead of(StoredResource row) {
    return new StoredResourceHead(row.kind(), row.id(), row.org(), row.version(), row.phase());
  }

  /** This head at {@code newVersion} (what an append's version bump leaves). */
  public StoredResourceHead withVersion(long newVersion) {
    return new StoredResourceHead(kind, id, org, newVersion, phase);
  }
}
