package dev.agentstore.internal;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactStores;
import dev.agentstore.internal.artifacts.FileSystemArtifactStore;
import dev.agentstore.observe.StoreObserver;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.BackendProvider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens a store: finds the one backend provider that accepts the URI, opens it, and builds the
 * facade's shared core (codec, page-token key, secret keys, clock).
 *
 * <p>Usage: {@code AgentStore s = StoreOpener.open(settings);} (called by {@code Builder.open()})
 */
public final class StoreOpener {
  static final String PAGE_TOKEN_KEY = "page_token_key";
  private static final String ARTIFACT_OPTION_PREFIX = "artifacts.";

  private StoreOpener() {}

  /** Opens the store the settings describe. */
  public static AgentStore open(StoreSettings settings) {
    String uri = settings.uri();
    if (uri == null || uri.isBlank()) {
      throw new InvalidArgumentException("uri: required (e.g. local:/path/dir or"
          + " postgresql://user@host:5432/db)");
    }
    BackendProvider provider = provider(uri);
    StoreObserver observer = settings.observer() == null ? null
        : settings.observer().forDatabase(dbSystem(provider));
    Backend backend = new RetryingBackend(provider.open(new BackendConfig(uri,
        settings.options(), observer)), settings.transactionRetries(), observer);
    try {
      String key = pageTokenKey(backend);
      KeyProvider keys = settings.keyProvider() != null ? settings.keyProvider()
          : backend.dataDirectory().isPresent() ? KeysetFileKeyProvider.inDataDirectory()
          : KeyProvider.none(); // never invent a key where there is no data directory
      StoreSecrets secrets = StoreSecrets.open(backend, keys);
      ResourceCodec codec = new ResourceCodec(settings.maxDocumentBytes(), secrets.sealer());
      PageTokens tokens = new PageTokens(Base64.getDecoder().decode(key), settings.clock(),
          settings.pageTokenTtl(), settings.maxDocumentBytes());
      StoreCore core = new StoreCore(backend, codec, tokens, secrets, settings.clock(),
          artifacts(settings, backend), settings.editRetries(), observer, settings.retention(),
          settings.historyRetention(), backend.declareKinds(settings.kinds(),
          settings.clock().instant()));
      View root = new View(core, core.perCall(), null, settings.actor(), null);
      return new DefaultAgentStore(root, true);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /**
   * The store's page-token signing key, made on first open. Read first: a write transaction on
   * every open would cost an fsync (SQLite) for nothing once the key exists.
   */
  private static String pageTokenKey(Backend backend) {
    return backend.read(tx -> tx.setting(PAGE_TOKEN_KEY)).orElseGet(() -> {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      return backend.write(tx -> tx.settingIfAbsent(PAGE_TOKEN_KEY,
          Base64.getEncoder().encodeToString(fresh)));
    });
  }

  /** The configured artifact store, the backend's data directory default, or null. */
  private static ArtifactStore artifacts(StoreSettings settings, Backend backend) {
    String uri = settings.artifactStoreUri();
    if (uri != null) {
      // Options named artifacts.<name> go to the artifact store (e.g. artifacts.secretKey), so
      // credentials need not sit in the URI; every other option is the backend's.
      Map<String, String> own = new HashMap<>();
      settings.options().forEach((k, v) -> {
        if (k.startsWith(ARTIFACT_OPTION_PREFIX)) {
          own.put(k.substring(ARTIFACT_OPTION_PREFIX.length()), v);
        }
      });
      return ArtifactStores.open(uri, own);
    }
    return backend.dataDirectory()
        .map(dir -> (ArtifactStore) FileSystemArtifactStore.open(dir.resolve("artifacts")))
        .orElse(null);
  }

  private static BackendProvider provider(String uri) {
    List<BackendProvider> matches = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class,
        StoreOpener.class.getClassLoader())) {
      all.add(p.name());
      if (p.accepts(uri)) {
        matches.add(p);
      }
    }
    if (matches.isEmpty()) {
      throw new InvalidArgumentException("uri: no backend on the class path accepts scheme '"
          + scheme(uri) + "' (backends found: " + all + "; add backend-local for local:, or"
          + " backend-postgres for postgresql:)");
    }
    if (matches.size() > 1) {
      throw new InvalidArgumentException("uri: several backends accept '" + scheme(uri) + "': "
          + matches.stream().map(BackendProvider::name).toList() + "; keep one on the class path");
    }
    return matches.get(0);
  }

  /** The OpenTelemetry {@code db.system.name} of a backend: sqlite, postgresql, or its name. */
  private static String dbSystem(BackendProvider provider) {
    return switch (provider.name()) {
      case "local" -> "sqlite";
      case "postgres" -> "postgresql";
      default -> provider.name();
    };
  }

  private static String scheme(String uri) {
    int colon = uri.indexOf(':');
    return colon < 0 ? uri : uri.substring(0, colon);
  }
}
