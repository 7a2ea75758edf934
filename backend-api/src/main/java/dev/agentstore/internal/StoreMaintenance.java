package dev.agentstore.internal;

import dev.agentstore.DeleteResult;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Kind;
import dev.agentstore.Maintenance;
import dev.agentstore.MaintenanceReport;
import dev.agentstore.Query;
import dev.agentstore.UpdatableRepository;
import dev.agentstore.history.History;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link Maintenance}: first every kind's expired resources ({@code metadata.expiresAt} at or
 * before the clock), then the retentions of the builder, each through its repository's
 * {@code deleteWhere} ({@code metadata.expiresAt}, {@code metadata.updatedAt}), then history
 * through {@code prune}. It adds no semantics of its own, so it is as safe from several processes
 * as those two are.
 *
 * <p>Usage: {@code new StoreMaintenance(view, repos::get, history).run()}
 */
final class StoreMaintenance implements Maintenance {
  private final View view;
  private final Function<Kind, UpdatableRepository<?>> repos;
  private final History history;

  StoreMaintenance(View view, Function<Kind, UpdatableRepository<?>> repos, History history) {
    this.view = view;
    this.repos = repos;
    this.history = history;
  }

  @Override
  public MaintenanceReport run() {
    if (view.org() != null) {
      throw new FailedPreconditionException("maintenance runs store-wide: call it on the store,"
          + " not on a tenant view (forOrg)");
    }
    if (!view.runner().ownsTransactions()) {
      throw new FailedPreconditionException("maintenance is not for inTransaction: it commits"
          + " batch by batch");
    }
    StoreCore core = view.core();
    Instant now = core.now();
    Map<Kind, DeleteResult> expired = new LinkedHashMap<>();
    for (Kind kind : referrersFirst(core)) {
      if (repos.apply(kind) == null) {
        continue; // declared by another process after this one opened: not served here
      }
      DeleteResult r = repos.apply(kind).deleteWhere(Query.builder()
          .where("metadata.expiresAt").lessOrEqual(now).build());
      if (r.deleted() > 0 || r.blocked() > 0) {
        expired.put(kind, r);
      }
    }
    Map<Kind, DeleteResult> deleted = new LinkedHashMap<>();
    List<Kind> withRetention = referrersFirst(core);
    withRetention.retainAll(core.retention.keySet());
    for (Kind kind : withRetention) {
      Instant cutoff = now.minus(core.retention.get(kind));
      deleted.put(kind, repos.apply(kind).deleteWhere(Query.builder()
          .where("metadata.updatedAt").lessThan(cutoff).build()));
    }
    Duration keepHistory = core.historyRetention;
    long pruned = keepHistory == null ? 0 : history.prune(now.minus(keepHistory));
    return new MaintenanceReport(now, deleted, expired, pruned);
  }

  /**
   * Referrers before what they refer to (executions before their sessions, instances before
   * their agents and environments), so that a pass with retentions on both is not blocked by
   * its own leftovers. A resource still referenced stays and is counted as blocked. Declared
   * kinds go first, latest-declared first: a declared kind references only built-in kinds and
   * kinds declared before it.
   */
  private static final List<Kind> DEPENDENTS_FIRST = List.of(Kind.WORKFLOW_EXECUTION,
      Kind.AGENT_EXECUTION, Kind.EXECUTION_CONTEXT, Kind.SESSION, Kind.API_KEY,
      Kind.AGENT_INSTANCE, Kind.WORKFLOW_INSTANCE, Kind.AGENT, Kind.WORKFLOW, Kind.ENVIRONMENT,
      Kind.SKILL, Kind.MCP_SERVER, Kind.IAM_POLICY, Kind.IDENTITY_ACCOUNT, Kind.ORGANIZATION);
  static {
    if (!new HashSet<>(DEPENDENTS_FIRST).containsAll(Kind.resourceKinds())) {
      throw new AssertionError("DEPENDENTS_FIRST misses a resource kind"); // a kind added later
    }
  }

  /** Every kind the store holds, in {@link #DEPENDENTS_FIRST} order, declared kinds first. */
  private static List<Kind> referrersFirst(StoreCore core) {
    List<Kind> order = new ArrayList<>();
    core.kinds.values().forEach(d -> order.add(0, d.kind()));
    order.addAll(DEPENDENTS_FIRST);
    return order;
  }
}
