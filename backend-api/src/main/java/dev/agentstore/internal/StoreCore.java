package dev.agentstore.internal;

import dev.agentstore.Kind;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.spi.Backend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every view of one open store shares: the backend, the codec, page tokens, secrets, the
 * artifact store, the clock and the change subscriptions.
 *
 * <p>Usage: {@code Instant t = core.now();}
 */
final class StoreCore {
  final Backend backend;
  final ResourceCodec codec;
  final PageTokens tokens;
  final StoreSecrets secrets;
  /** The artifact store, or null when none is configured. */
  final ArtifactStore artifacts;
  final Subscriptions subscriptions = new Subscriptions();
  /** The transaction this store has open on each thread, if any (see {@link TxRunner#perCall}). */
  final ThreadLocal<TxRunner.Bound> openTransaction = new ThreadLocal<>();
  /** Who observes the store's operations, or null (then nothing is wrapped or timed). */
  final dev.agentstore.observe.StoreObserver observer;
  /** How often an edit re-applies its change after a conflict. */
  final int editRetries;
  /** Per kind, how long after its last update maintenance keeps a resource. */
  final Map<Kind, Duration> retention;
  /** How long maintenance keeps history entries, or null for ever. */
  final Duration historyRetention;
  /**
   * The application kinds the store holds, by qualified name, in first-declared order: those of
   * the open, and those an import or copy into this store declared since ({@link #adoptKinds}).
   */
  volatile Map<String, dev.agentstore.KindDefinition> kinds;
  /**
   * By target kind, the declared reference fields pointing at it (see {@link DeleteCascade}),
   * of the same kinds. Written before {@link #kinds} when kinds are adopted: a delete that sees
   * a new kind but not yet its references is still refused by the database's RESTRICT key.
   */
  volatile Map<Kind, List<DeleteCascade.Edge>> referrers;
  private final AtomicBoolean listening = new AtomicBoolean();
  private final Clock clock;

  StoreCore(Backend backend, ResourceCodec codec, PageTokens tokens, StoreSecrets secrets,
      Clock clock, ArtifactStore artifacts, int editRetries,
      dev.agentstore.observe.StoreObserver observer, Map<Kind, Duration> retention,
      Duration historyRetention, List<dev.agentstore.KindDefinition> kinds) {
    Map<String, dev.agentstore.KindDefinition> byName = new java.util.LinkedHashMap<>();
    kinds.forEach(d -> byName.put(d.kind().name(), d));
    this.kinds = java.util.Collections.unmodifiableMap(byName);
    this.referrers = DeleteCascade.edges(byName.values());
    for (Kind k : retention.keySet()) {
      if (!k.isBuiltIn() && !byName.containsKey(k.name())) {
        throw new dev.agentstore.InvalidArgumentException("retention", k.name()
            + " is not a kind of this store: declare it with kind(definition)");
      }
    }
    this.backend = backend;
    this.retention = retention;
    this.historyRetention = historyRetention;
    this.observer = observer;
    this.editRetries = editRetries;
    this.artifacts = artifacts;
    this.codec = codec;
    this.tokens = tokens;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Asks the backend, once per store, to report committed changes to the subscriptions. Done
   * when the first subscription starts, not at open: a PostgreSQL store would otherwise hold a
   * LISTEN connection and its thread for its whole life with nobody subscribed.
   */
  void listenForChanges() {
    if (listening.compareAndSet(false, true)) {
      backend.onCommittedChanges(subscriptions::wake);
    }
  }

  /** A runner that gives each call its own transaction, refusing calls beside an open one. */
  TxRunner perCall() {
    return TxRunner.perCall(backend, openTransaction);
  }

  /**
   * The kind of a well-formed id of a built-in kind or of a kind this store declares; otherwise
   * says what is wrong, like {@link dev.agentstore.Ids#requireAnyKind}.
   */
  Kind requireAnyKind(String id, String field) {
    if (id != null) {
      for (dev.agentstore.KindDefinition d : kinds.values()) {
        if (dev.agentstore.Ids.isValid(id, d.kind())) {
          return d.kind();
        }
      }
    }
    return dev.agentstore.Ids.requireAnyKind(id, field);
  }

  /**
   * Serves {@code all}, every kind the store holds after an import or copy declared some, from
   * now on (a definition held already stays as it is).
   */
  synchronized void adoptKinds(List<dev.agentstore.KindDefinition> all) {
    Map<String, dev.agentstore.KindDefinition> next = new java.util.LinkedHashMap<>(kinds);
    all.forEach(d -> next.putIfAbsent(d.kind().name(), d));
    referrers = DeleteCascade.edges(next.values());
    kinds = java.util.Collections.unmodifiableMap(next);
  }

  /** Now, at the microsecond precision every backend stores. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
