package dev.agentstore;

import java.time.Instant;

/**
 * A claimer's exclusive, time-limited hold on one resource, handed out by
 * {@link UpdatableRepository#claim}: until {@code expiresAt} no other claimer receives the
 * resource, after it the resource is claimable again. A lease is coordination state, not part of
 * the resource: taking, renewing or releasing one changes no version and writes no history, and
 * it does not stop anyone from updating the resource (claimers agree among themselves; the
 * resource's version still guards its writes).
 *
 * <p>Usage: {@code Lease l = store.agentExecutions().renew(id, "worker-1", Duration.ofMinutes(5));}
 *
 * @param resourceId the resource held
 * @param owner who holds it (the claimer's name, as given)
 * @param claimedAt when this holder claimed it (renewals keep it)
 * @param expiresAt when the lease ends unless renewed
 */
public record Lease(String resourceId, String owner, Instant claimedAt, Instant expiresAt) {}
