package dev.agentstore.local;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.local.internal.LocalBackendFactory;
import dev.agentstore.spi.Backend;
import dev.agentstore.spi.BackendConfig;
import dev.agentstore.spi.BackendProvider;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Opens {@code local:} stores: SQLite in WAL mode at {@code <dir>/agentstore.db} and local files
 * under {@code <dir>}. {@code local:} alone is {@code ~/.agentstore}; {@code local:~/x} expands the
 * home directory. Options: {@code readPoolSize} (default 4), {@code busyTimeoutMs} (default
 * 30000), {@code synchronous} ({@code FULL} by default: nothing acknowledged is lost on power
 * failure; {@code NORMAL} trades that for speed).
 *
 * <p>Usage: {@code AgentStore.open("local:/var/lib/agentstore")}
 */
public final class LocalBackendProvider implements BackendProvider {
  /** The URI scheme. */
  public static final String SCHEME = "local:";

  @Override
  public String name() {
    return "local";
  }

  @Override
  public boolean accepts(String uri) {
    return uri != null && uri.startsWith(SCHEME);
  }

  @Override
  public Backend open(BackendConfig config) {
    return LocalBackendFactory.open(directory(config.uri()), config);
  }

  /** The data directory a {@code local:} URI names. */
  public static Path directory(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      throw new InvalidArgumentException("uri: expected local:<directory>, got '" + uri + "'");
    }
    String rest = uri.substring(SCHEME.length());
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
    }
    if (rest.indexOf('\0') >= 0) {
      throw new InvalidArgumentException("uri: the directory must not contain NUL");
    }
    String home = System.getProperty("user.home");
    if (rest.isEmpty()) {
      return Paths.get(home, ".agentstore");
    }
    if (rest.equals("~") || rest.startsWith("~/")) {
      return Paths.get(home + rest.substring(1));
    }
    return Paths.get(rest).toAbsolutePath();
  }
}
