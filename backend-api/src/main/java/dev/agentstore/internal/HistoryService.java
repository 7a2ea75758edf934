package dev.agentstore.internal;

import dev.agentstore.ChangeFeed;
import dev.agentstore.History;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.ResourceVersion;
import dev.agentstore.spi.HistoryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * History and change feed of one view; an org view sees only its org's entries.
 *
 * <p>Usage: {@code new HistoryService(view).list(id)}
 */
final class HistoryService implements History, ChangeFeed {
  private static final int MAX_LIMIT = 10_000;
  private final View view;

  HistoryService(View view) {
    this.view = view;
  }

  @Override
  public List<ResourceVersion> list(String resourceId) {
    return list(resourceId, 0, MAX_LIMIT);
  }

  @Override
  public List<ResourceVersion> list(String resourceId, long afterVersion, int limit) {
    Ids.requireAnyKind(resourceId, "resourceId");
    requireLimit(limit);
    return view.runner().read(tx -> tx.history(resourceId, afterVersion, limit)).stream()
        .filter(this::sees).map(HistoryService::toVersion).toList();
  }

  @Override
  public Optional<ResourceVersion> get(String resourceId, long version) {
    Ids.requireAnyKind(resourceId, "resourceId");
    return view.runner().read(tx -> tx.historyAt(resourceId, version)).filter(this::sees)
        .map(HistoryService::toVersion);
  }

  @Override
  public long prune(Instant olderThan) {
    if (olderThan == null) {
      throw new InvalidArgumentException("olderThan: required");
    }
    if (view.org() != null) {
      throw new InvalidArgumentException("prune: history retention applies to the whole store;"
          + " call it on the unscoped store");
    }
    return view.runner().write(tx -> tx.pruneHistory(olderThan));
  }

  @Override
  public List<ResourceVersion> since(long afterSequence, int limit) {
    requireLimit(limit);
    if (afterSequence < 0) {
      throw new InvalidArgumentException("afterSequence: must be >= 0");
    }
    return view.runner().read(tx -> tx.changesSince(afterSequence, limit)).stream()
        .filter(this::sees).map(HistoryService::toVersion).toList();
  }

  private boolean sees(HistoryRecord r) {
    return view.org() == null || view.org().equals(r.org());
  }

  private static void requireLimit(int limit) {
    if (limit <= 0 || limit > MAX_LIMIT) {
      throw new InvalidArgumentException("limit: must be between 1 and " + MAX_LIMIT);
    }
  }

  static ResourceVersion toVersion(HistoryRecord r) {
    return new ResourceVersion(r.sequence(), r.id(), r.kind(), r.resourceId(), r.org(),
        r.resourceVersion(), r.event(), Json.parseTrusted(r.snapshotJson()), r.actor(),
        r.message(), r.createdAt());
  }
}
