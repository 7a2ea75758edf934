package dev.agentstore.spi;

import java.time.Instant;

/**
 * A lease row as a backend stores it: one per resource at most (see
 * {@link BackendTransaction#claim}).
 *
 * <p>Usage: {@code tx.claim(kind, query, new StoredLease(null, kind.kindName(), org, owner, now, until));}
 *
 * @param resourceId the resource held (null in the template {@code claim} fills per row)
 * @param kind the resource's kind name
 * @param org the resource's org
 * @param owner who holds it
 * @param claimedAt when it was claimed (microsecond precision)
 * @param expiresAt when it ends (microsecond precision, after {@code claimedAt})
 */
public record StoredLease(String resourceId, String kind, String org, String owner,
    Instant claimedAt, Instant expiresAt) {}
