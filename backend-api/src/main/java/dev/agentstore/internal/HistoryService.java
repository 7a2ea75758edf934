package dev.agentstore.internal;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeFeed;
import dev.agentstore.history.ChangeListener;
import dev.agentstore.history.History;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.history.Subscription;
import dev.agentstore.spi.HistoryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * History and change feed of one view; an org view sees only its org's entries (filtered by the
 * backend, so a limit counts only what the view may see).
 *
 * <p>Usage: {@code new HistoryService(view).list(id)}
 */
final class HistoryService implements History, ChangeFeed {
  private static final int MAX_LIMIT = 10_000;
  private static final int LIST_PAGE = 1_000;
  private final View view;

  HistoryService(View view) {
    this.view = view;
  }

  @Override
  public List<ResourceVersion> list(String resourceId) {
    List<ResourceVersion> all = new ArrayList<>();
    List<ResourceVersion> page;
    long after = 0;
    do {
      page = list(resourceId, after, LIST_PAGE);
      all.addAll(page);
      after = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
    } while (page.size() == LIST_PAGE);
    return List.copyOf(all);
  }

  @Override
  public List<ResourceVersion> list(String resourceId, long afterSequence, int limit) {
    view.core().requireAnyKind(resourceId, "resourceId");
    requireSequence(afterSequence, "afterSequence");
    requireLimit(limit);
    // One resource has one org: a row of another org means the whole history is invisible.
    return view.runner().read(tx -> tx.history(resourceId, afterSequence, limit)).stream()
        .filter(this::sees).map(HistoryService::toVersion).toList();
  }

  @Override
  public Optional<ResourceVersion> get(String resourceId, long version) {
    view.core().requireAnyKind(resourceId, "resourceId");
    return view.runner().read(tx -> tx.historyAt(resourceId, version)).filter(this::sees)
        .map(HistoryService::toVersion);
  }

  /** History rows one prune transaction deletes at most. */
  static final int PRUNE_BATCH = 1000;

  @Override
  public long prune(Instant olderThan) {
    return prune(olderThan, null, "prune");
  }

  @Override
  public long prune(Instant olderThan, Kind kind) {
    if (kind == null) {
      throw new InvalidArgumentException("kind: required (prune(olderThan) prunes every kind)");
    }
    if (kind == Kind.API_RESOURCE_VERSION) {
      throw new InvalidArgumentException("kind: history entries have no history of their own;"
          + " name the kind of the resources whose entries to prune");
    }
    return prune(olderThan, kind, "prune");
  }

  private long prune(Instant olderThan, Kind kind, String operation) {
    if (olderThan == null) {
      throw new InvalidArgumentException("olderThan: required");
    }
    Query.requireInRange(olderThan, "olderThan");
    if (view.org() != null) {
      throw new InvalidArgumentException(operation + ": history retention applies to the whole store;"
          + " call it on the unscoped store");
    }
    Instant before = Micros.ceil(olderThan);
    long total = 0;
    long batch;
    do {
      batch = view.runner().write(tx -> tx.pruneHistory(before, kind, PRUNE_BATCH));
      total += batch;
    } while (batch == PRUNE_BATCH);
    return total;
  }

  @Override
  public List<ResourceVersion> since(long afterSequence, int limit) {
    requireSequence(afterSequence, "afterSequence");
    requireLimit(limit);
    return read(view.runner(), afterSequence, limit);
  }

  @Override
  public Subscription subscribe(long afterSequence, ChangeListener listener) {
    requireSequence(afterSequence, "afterSequence");
    if (listener == null) {
      throw new InvalidArgumentException("listener: required");
    }
    view.core().listenForChanges();
    // The subscription reads on its own thread, so never through a caller's open transaction.
    TxRunner own = view.core().perCall();
    return new ChangeSubscription(afterSequence, listener, (after, n) -> read(own, after, n),
        view.core().subscriptions).start();
  }

  private List<ResourceVersion> read(TxRunner runner, long afterSequence, int limit) {
    return runner.read(tx -> tx.changesSince(afterSequence, view.org(), limit)).stream()
        .map(HistoryService::toVersion).toList();
  }

  private boolean sees(HistoryRecord r) {
    return view.org() == null || view.org().equals(r.org());
  }

  private static void requireSequence(long sequence, String field) {
    if (sequence < 0) {
      throw new InvalidArgumentException(field + ": must be >= 0, got " + sequence);
    }
  }

  private static void requireLimit(int limit) {
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit: must be between 1 and " + MAX_LIMIT + ", got "
          + limit);
    }
  }

  static ResourceVersion toVersion(HistoryRecord r) {
    return new ResourceVersion(r.sequence(), r.id(), r.kind(), r.resourceId(), r.org(),
        r.resourceVersion(), r.event(), Json.parseTrusted(r.snapshotJson()), r.actor(),
        r.message(), r.createdAt());
  }
}
