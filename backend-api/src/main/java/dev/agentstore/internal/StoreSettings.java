package dev.agentstore.internal;

import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.secret.KeyProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link dev.agentstore.AgentStore.Builder} collected, handed to {@link StoreOpener}. It
 * lives here, not on the builder, so the builder's public face is setters and {@code open()}
 * only; this package is not exported.
 *
 * <p>Usage: {@code StoreOpener.open(new StoreSettings(uri, options, ...))} (from
 * {@code Builder.open()})
 *
 * @param uri the store URI
 * @param options the backend options, including {@code artifacts.<name>} ones
 * @param maxDocumentBytes the largest accepted document
 * @param pageTokenTtl how long a page token stays valid
 * @param clock the clock for timestamps
 * @param actor the actor recorded for writes
 * @param artifactsUri the artifact store URI, or null for the {@code artifacts} option or the
 *     backend's default
 * @param keyProvider the key provider, or null for the backend's default
 * @param editRetries how many times an edit is retried after a conflict
 * @param transactionRetries how many times a write transaction that lost a serialization
 *     conflict is re-run
 * @param observer who observes the store's operations, or null
 * @param retention per kind, how long after its last update a resource is kept (maintenance)
 * @param historyRetention how long history entries are kept (maintenance), or null for ever
 * @param kinds the application kinds declared on the builder
 */
public record StoreSettings(String uri, Map<String, String> options, int maxDocumentBytes,
    Duration pageTokenTtl, Clock clock, String actor, String artifactsUri,
    KeyProvider keyProvider, int editRetries, int transactionRetries,
    StoreObserver observer, Map<Kind, Duration> retention, Duration historyRetention,
    List<KindDefinition> kinds) {

  /** Copies the options: later builder calls must not change a store already opened. */
  public StoreSettings {
    options = Map.copyOf(options);
    kinds = List.copyOf(kinds);
    retention = retention.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(retention));
  }

  /** The artifact store URI: the builder's, else the {@code artifacts} option, else null. */
  public String artifactStoreUri() {
    return artifactsUri != null ? artifactsUri : options.get("artifacts");
  }
}
