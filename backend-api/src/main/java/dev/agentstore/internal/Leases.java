package dev.agentstore.internal;

import dev.agentstore.Claim;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Lease;
import dev.agentstore.Query;
import dev.agentstore.Resource;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredLease;
import dev.agentstore.spi.StoredResource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work claiming for one repository: {@code claim}, {@code renew}, {@code release} and
 * {@code lease}, validated here and stored through the backend's lease rows. Leases expire on
 * the store's clock, at microsecond precision like every stored time.
 *
 * <p>Usage: {@code List<Claim<R>> mine = new Leases<>(repo).claim(query, "worker-1", Duration.ofMinutes(5), 10);}
 *
 * @param <R> the repository's resource type
 * @param <S> its spec type
 * @param <T> its status type
 */
final class Leases<R extends Resource<S, T>, S, T> {
  /** The longest lease: a claim that must outlive a day is a state, not a lease. */
  static final Duration MAX_LEASE = Duration.ofDays(1);
  static final int MAX_OWNER_LENGTH = 200;

  private final Repo<R, S, T> repo;

  Leases(Repo<R, S, T> repo) {
    this.repo = repo;
  }

  List<Claim<R>> claim(Query query, String owner, Duration lease, int max) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    requireOwner(owner);
    requireLease(lease);
    if (max < 1 || max > Query.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException("max", "must be 1 to " + Query.MAX_PAGE_SIZE
          + ", got " + max);
    }
    View view = repo.view;
    QueryPlan plan = QueryPlan.of(repo.kind(), view.org(), query.withPageToken(null),
        repo.core.tokens);
    if (plan.empty()) {
      return List.of();
    }
    return view.runner().write(tx -> {
      Instant now = repo.core.now();
      StoredLease template = new StoredLease(null, repo.kind().kindName(), null, owner, now,
          expiry(now, lease));
      List<StoredResource> rows = tx.claim(repo.kind(), plan.stored().withLimit(max), template);
      Map<String, Map<String, List<StoredItem>>> items =
          repo.itemsOf(tx, rows.stream().map(StoredResource::id).toList());
      List<Claim<R>> out = new ArrayList<>(rows.size());
      for (StoredResource row : rows) {
        out.add(new Claim<>(repo.core.codec.decode(repo.type, row,
            items.getOrDefault(row.id(), Map.of())),
            new Lease(row.id(), owner, template.claimedAt(), template.expiresAt())));
      }
      return out;
    });
  }

  Lease renew(String id, String owner, Duration lease) {
    Ids.require(id, repo.kind(), "id");
    requireOwner(owner);
    requireLease(lease);
    return repo.view.runner().write(tx -> {
      repo.find(tx, id).orElseThrow(() -> repo.notFound(id));
      Instant now = repo.core.now();
      Optional<StoredLease> held = tx.lease(id, now).filter(l -> l.owner().equals(owner));
      Instant until = expiry(now, lease);
      if (held.isEmpty() || !tx.renewLease(id, owner, now, until)) {
        throw new FailedPreconditionException("cannot renew the lease on " + id + ": " + owner
            + " does not hold it (it expired or was released, and may have been claimed again)");
      }
      return new Lease(id, owner, held.get().claimedAt(), until);
    });
  }

  boolean release(String id, String owner) {
    Ids.require(id, repo.kind(), "id");
    requireOwner(owner);
    return repo.view.runner().write(tx -> {
      repo.find(tx, id).orElseThrow(() -> repo.notFound(id));
      return tx.releaseLease(id, owner);
    });
  }

  Optional<Lease> lease(String id) {
    Ids.require(id, repo.kind(), "id");
    return repo.view.runner().read(tx -> {
      repo.find(tx, id).orElseThrow(() -> repo.notFound(id));
      return tx.lease(id, repo.core.now()).map(l -> new Lease(l.resourceId(), l.owner(),
          l.claimedAt(), l.expiresAt()));
    });
  }

  private static Instant expiry(Instant now, Duration lease) {
    return now.plus(lease).truncatedTo(ChronoUnit.MICROS);
  }

  private static void requireOwner(String owner) {
    if (owner == null || owner.isBlank()) {
      throw new InvalidArgumentException("owner", "required: the claimer's name");
    }
    if (owner.length() > MAX_OWNER_LENGTH) {
      throw new InvalidArgumentException("owner", "at most " + MAX_OWNER_LENGTH
          + " characters, got " + owner.length());
    }
  }

  private static void requireLease(Duration lease) {
    if (lease == null) {
      throw new InvalidArgumentException("lease", "required: how long the lease lasts");
    }
    if (lease.compareTo(Duration.of(1, ChronoUnit.MICROS)) < 0 || lease.compareTo(MAX_LEASE) > 0) {
      throw new InvalidArgumentException("lease", "must be at least 1 microsecond and at most "
          + MAX_LEASE + ", got " + lease);
    }
  }
}
