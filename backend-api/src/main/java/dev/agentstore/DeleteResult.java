package dev.agentstore;

/**
 * What {@link UpdatableRepository#deleteWhere} did.
 *
 * <p>Usage: {@code long n = store.agentExecutions().deleteWhere(q).deleted();}
 *
 * @param deleted resources deleted
 * @param blocked matching resources left in place because something still references them (a
 *     RESTRICT reference: delete or repoint the referrers first)
 * @param batches transactions committed
 * @param artifactsDeleted artifacts deleted with them (see {@link DeleteOptions#deleteArtifacts})
 */
public record DeleteResult(long deleted, long blocked, long batches, long artifactsDeleted) {}
