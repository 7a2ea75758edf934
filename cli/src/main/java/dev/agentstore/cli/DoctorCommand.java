package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.SchemaMigration;
import dev.agentstore.SecretsException;
import dev.agentstore.artifact.ArtifactPage;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code doctor}: checks a store and prints one line per check, OK, WARN or FAIL; the exit code
 * is the worst (0, 7 or 1).
 */
@Command(name = "doctor", sortOptions = false,
    description = {"Check a store: that it exists and opens, its migrations, the key file's"
        + " permissions (0600), SQLite's WAL mode, that the key unseals the stored secrets, and"
        + " artifacts left behind by deleted resources.",
        "Prints OK, WARN or FAIL per check; exits 0 (all OK), 7 (warnings) or 1 (a failure)."
        + " It never creates or changes a store."})
final class DoctorCommand extends StoreCommand implements Callable<Integer> {
  /** How many artifact keys the orphan check reads at most. */
  static final int MAX_ARTIFACTS = 100_000;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** A check's outcome, in order of severity. */
  enum Level { OK, WARN, FAIL }

  private final List<Level> levels = new ArrayList<>();

  @Override
  public Integer call() {
    String uri = root.uri();
    Path dir = uri.startsWith("local:") ? localDirectory(uri) : null;
    if (dir != null) {
      Path db = dir.resolve("agentstore.db");
      if (!Files.isRegularFile(db)) {
        report(Level.FAIL, "store", "no store at " + dir + " (" + db.getFileName()
            + " is missing; create one with 'agentstore migrate')");
        return exitCode();
      }
      report(Level.OK, "store", "SQLite database " + db);
      checkWal(db);
    }
    checkKeyFile(dir);
    AgentStore store;
    try {
      store = root.open();
    } catch (SecretsException e) {
      report(Level.FAIL, "key", e.getMessage());
      return exitCode();
    } catch (AgentStoreException e) {
      report(Level.FAIL, "open", e.getMessage());
      return exitCode();
    }
    try (store) {
      if (dir == null) {
        report(Level.OK, "open", "connected to " + redacted(uri));
      }
      checkMigrations(store);
      checkUnseal(store, dir);
      checkArtifacts(store);
    }
    return exitCode();
  }

  private int exitCode() {
    Level worst = levels.stream().max(Enum::compareTo).orElse(Level.OK);
    return switch (worst) {
      case OK -> AgentStoreCli.OK;
      case WARN -> AgentStoreCli.WARNINGS;
      case FAIL -> AgentStoreCli.FAILURE;
    };
  }

  private void report(Level level, String check, String detail) {
    levels.add(level);
    out().printf("%-5s %-11s %s%n", level, check, detail);
    out().flush();
  }

  /** SQLite's WAL mode is in the file header: bytes 18 and 19 are 2 (1 is the rollback journal). */
  private void checkWal(Path db) {
    byte[] header = new byte[20];
    try (InputStream in = Files.newInputStream(db)) {
      if (in.readNBytes(header, 0, 20) < 20) {
        report(Level.FAIL, "wal", db + " is not a SQLite database (too short)");
        return;
      }
    } catch (IOException e) {
      report(Level.FAIL, "wal", "cannot read " + db + ": " + e.getMessage());
      return;
    }
    if (header[18] == 2 && header[19] == 2) {
      report(Level.OK, "wal", "journal mode is WAL");
    } else {
      report(Level.FAIL, "wal", "journal mode is not WAL (header says " + header[18] + "/"
          + header[19] + "): readers will block the writer; open the store with agentstore"
          + " once to switch it back");
    }
  }

  private void checkKeyFile(Path dir) {
    Path file = root.keyFile != null ? root.keyFile.toAbsolutePath()
        : root.keyEnv == null && dir != null ? dir.resolve("master.key") : null;
    if (root.keyEnv != null) {
      String value = root.env.get(root.keyEnv);
      report(value == null || value.isBlank() ? Level.FAIL : Level.OK, "key source",
          value == null || value.isBlank() ? "$" + root.keyEnv + " is not set"
              : "keyset from $" + root.keyEnv);
      return;
    }
    if (file == null) {
      report(Level.WARN, "key source", "no key configured (--key-file or --key-env): secret"
          + " values and API keys are refused");
      return;
    }
    if (!Files.exists(file)) {
      report(root.keyFile != null ? Level.FAIL : Level.WARN, "key file", file
          + " does not exist" + (root.keyFile != null ? "" : " (made when a secret is first stored)"));
      return;
    }
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      String shown = PosixFilePermissions.toString(mode);
      if (OWNER_ONLY.containsAll(mode)) {
        report(Level.OK, "key file", file + " is owner-only (" + shown + ")");
      } else {
        report(Level.FAIL, "key file", file + " is readable by others (" + shown + "): chmod 600 "
            + file);
      }
    } catch (UnsupportedOperationException e) {
      report(Level.WARN, "key file", file + ": the file system has no POSIX permissions to check");
    } catch (IOException e) {
      report(Level.FAIL, "key file", "cannot read the permissions of " + file + ": "
          + e.getMessage());
    }
  }

  private void checkMigrations(AgentStore store) {
    List<SchemaMigration> applied = store.schemaMigrations();
    if (applied.isEmpty()) {
      report(Level.WARN, "migrations", "this backend keeps no migration history");
      return;
    }
    List<SchemaMigration> failed = applied.stream().filter(m -> !m.success()).toList();
    if (!failed.isEmpty()) {
      report(Level.FAIL, "migrations", failed.size() + " failed: version "
          + failed.get(0).version() + " (" + failed.get(0).description() + ")");
      return;
    }
    String newest = applied.stream().filter(m -> m.version() != null)
        .reduce((a, b) -> b).map(SchemaMigration::version).orElse("?");
    report(Level.OK, "migrations", "current: version " + newest + ", " + applied.size()
        + " applied, none failed");
  }

  /** Reads a few resources of every kind with secrets: each read unseals their values. */
  private void checkUnseal(AgentStore store, Path dir) {
    long read = 0;
    try {
      for (Kind kind : RotateKeysCommand.SECRET_KINDS) {
        try (Stream<?> s = Kinds.repository(store, kind).stream(Query.builder().pageSize(20)
            .build())) {
          read += s.limit(20).count();
        }
      }
    } catch (SecretsException e) {
      report(Level.FAIL, "unseal", e.getMessage());
      return;
    }
    if (read == 0) {
      report(dir == null && root.keyFile == null && root.keyEnv == null ? Level.WARN : Level.OK,
          "unseal", "no resources with secrets to unseal yet");
    } else {
      report(Level.OK, "unseal", "the key unsealed the secrets of " + read + " resources");
    }
  }

  /**
   * An artifact is orphaned when its key's first segment is the id of a resource that no longer
   * exists (an execution's {@code wex-.../report.pdf} after the execution was deleted).
   */
  private void checkArtifacts(AgentStore store) {
    ArtifactStore artifacts;
    try {
      artifacts = store.artifacts();
    } catch (FailedPreconditionException e) {
      report(Level.OK, "artifacts", "no artifact store configured (nothing to check)");
      return;
    }
    Map<String, Boolean> exists = new HashMap<>();
    long seen = 0;
    long orphans = 0;
    String example = null;
    String token = null;
    do {
      ArtifactPage page = artifacts.list("", token, 1000);
      for (ArtifactSummary a : page.items()) {
        seen++;
        String scope = a.key().substring(0, Math.max(0, a.key().indexOf('/')));
        Kind kind = Kind.fromId(scope).orElse(null);
        if (kind == null || kind == Kind.API_RESOURCE_VERSION) {
          continue;
        }
        boolean present = exists.computeIfAbsent(scope,
            id -> Kinds.repository(store, kind).get(id).isPresent());
        if (!present) {
          orphans++;
          example = example == null ? a.key() : example;
        }
      }
      token = page.nextPageToken().orElse(null);
    } while (token != null && seen < MAX_ARTIFACTS);
    String scanned = seen + (token != null ? "+ (stopped at " + MAX_ARTIFACTS + ")" : "");
    if (orphans == 0) {
      report(Level.OK, "artifacts", scanned + " artifacts, none orphaned");
    } else {
      report(Level.WARN, "artifacts", orphans + " of " + scanned + " artifacts belong to deleted"
          + " resources, e.g. " + example);
    }
  }

  /** The data directory of a {@code local:} URI, as the local backend reads it. */
  static Path localDirectory(String uri) {
    String rest = uri.substring("local:".length());
    int query = rest.indexOf('?');
    rest = query >= 0 ? rest.substring(0, query) : rest;
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
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

  /** A URI for display: no password, no query parameters (they may hold credentials). */
  static String redacted(String uri) {
    String s = uri.replaceAll("://([^:/@]+):[^@/]*@", "://$1:***@");
    int q = s.indexOf('?');
    return q >= 0 ? s.substring(0, q) + "?..." : s;
  }
}
