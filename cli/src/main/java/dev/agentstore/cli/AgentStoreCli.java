package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.ConflictException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.NotFoundException;
import dev.agentstore.PermissionDeniedException;
import dev.agentstore.SecretsException;
import dev.agentstore.UnavailableException;
import dev.agentstore.secret.EnvironmentKeyProvider;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code agentstore} operator command line: lists, reads and follows a store's resources,
 * history and change feed, applies migrations, re-encrypts secrets after a key rotation, prunes
 * and checks a store, on SQLite ({@code local:}) or PostgreSQL. Every command, option and exit
 * code is in docs/cli.md.
 *
 * <p>Usage: {@code java -jar agentstore-cli.jar --store local:./data ls Agent -o json}
 */
@Command(name = "agentstore", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "Operate an agentstore store on SQLite (local:) or PostgreSQL.",
    subcommands = {LsCommand.class, GetCommand.class, HistoryCommand.class,
        ChangesCommand.class, MigrateCommand.class, RotateKeysCommand.class, PruneCommand.class,
        DeleteWhereCommand.class, DoctorCommand.class, ExportCommand.class,
        ImportCommand.class, CopyCommand.class, VerifyCommand.class, CompletionCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:done (doctor: every check OK)",
        " 1:failed (an unexpected error; doctor: a check FAILed; copy: stopped, run again to"
            + " resume)",
        " 2:usage error or invalid argument (nothing was changed)",
        " 3:not found",
        " 4:conflict or failed precondition",
        " 5:store unavailable (cannot connect, cannot migrate)",
        " 6:secrets error (no key, wrong key, key file not owner-only)",
        " 7:doctor: warnings, no failure",
        "130:interrupted"})
public final class AgentStoreCli implements Callable<Integer> {
  /** Done. */
  public static final int OK = 0;
  /** An unexpected error. */
  public static final int FAILURE = 1;
  /** Bad command line or invalid argument. */
  public static final int USAGE = 2;
  /** The resource (or kind, or id) does not exist. */
  public static final int NOT_FOUND = 3;
  /** A conflict or failed precondition. */
  public static final int CONFLICT = 4;
  /** The store cannot be reached or migrated. */
  public static final int UNAVAILABLE = 5;
  /** No key, a wrong key or a badly protected key. */
  public static final int SECRETS = 6;
  /** doctor found warnings but no failure. */
  public static final int WARNINGS = 7;
  /** Stopped by an interrupt (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  /** The environment variable naming the store when {@code --store} is not given. */
  public static final String URI_VARIABLE = "AGENTSTORE_URI";

  @Spec
  CommandSpec spec;

  @Option(names = "--store", paramLabel = "URI", scope = ScopeType.INHERIT,
      description = "The store: local:/path/dir, postgresql://user@host:5432/db or a JDBC URL."
          + " Default: $" + URI_VARIABLE + ", else local: (~/.agentstore).")
  String store;

  @Option(names = "--key-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The Tink JSON keyset that seals secrets (must exist, owner-only)."
          + " Default for local: stores: <data dir>/master.key.")
  Path keyFile;

  @Option(names = "--key-env", paramLabel = "VARIABLE", scope = ScopeType.INHERIT,
      description = "Read the keyset from this environment variable (e.g. AGENTSTORE_KEYSET).")
  String keyEnv;

  @Option(names = "--artifacts", paramLabel = "URI", scope = ScopeType.INHERIT,
      description = "The artifact store: file:/path (local: stores default to"
          + " <data dir>/artifacts/).")
  String artifacts;

  @Option(names = "--actor", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "Who writes are recorded as made by (prune, delete-where, rotate-keys)."
          + " Default: system.")
  String actor;

  final Map<String, String> env;
  final BufferedReader in;

  AgentStoreCli(Map<String, String> env, BufferedReader in) {
    this.env = env;
    this.in = in;
  }

  /** With no command: the help, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  /** The store URI the options name. */
  String uri() {
    if (store != null) {
      return store;
    }
    String fromEnv = env.get(URI_VARIABLE);
    return fromEnv == null || fromEnv.isBlank() ? AgentStore.DEFAULT_URI : fromEnv;
  }

  /** Opens the store the options name (migrations run before this returns). */
  AgentStore open() {
    return builder().open();
  }

  AgentStore.Builder builder() {
    return builderAt(uri(), artifacts);
  }

  /**
   * A builder for the store at {@code uri} with the global key options ({@code --key-file} or
   * {@code --key-env}) and the artifact store given ({@code copy --from} opens its source so).
   */
  AgentStore.Builder builderAt(String uri, String artifactStore) {
    if (keyFile != null && keyEnv != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--key-file and --key-env are mutually exclusive: give one key source");
    }
    AgentStore.Builder b = builderFor(uri, keyFile, artifactStore);
    if (keyFile == null && keyEnv != null) {
      b.keyProvider(new EnvironmentKeyProvider(keyEnv, env));
    }
    return b;
  }

  /**
   * Whether a person watches: the tool runs on a console (the only case in which it reads
   * answers from one), so progress bars are drawn in place.
   */
  boolean terminal() {
    return in != null;
  }

  /**
   * A builder for the store at {@code uri} with a key file and an artifact store, each optional
   * ({@code verify} and {@code copy} open a second store this way).
   */
  AgentStore.Builder builderFor(String uri, Path keys, String artifactStore) {
    AgentStore.Builder b = AgentStore.builder().uri(uri);
    if (keys != null) {
      b.keyProvider(KeysetFileKeyProvider.existing(keys.toAbsolutePath()));
    }
    if (artifactStore != null) {
      b.artifacts(artifactStore);
    }
    if (actor != null) {
      b.actor(actor);
    }
    return b;
  }

  /** The exit code for an error of the library (or of this tool). */
  static int exitCodeOf(Throwable e) {
    if (e instanceof CommandLine.ParameterException || e instanceof InvalidArgumentException) {
      return USAGE;
    }
    if (e instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (e instanceof ConflictException || e instanceof FailedPreconditionException
        || e instanceof PermissionDeniedException
        || e instanceof dev.agentstore.AlreadyExistsException) {
      return CONFLICT;
    }
    if (e instanceof UnavailableException) {
      return UNAVAILABLE;
    }
    if (e instanceof SecretsException) {
      return SECRETS;
    }
    if (e instanceof InterruptedException) {
      return INTERRUPTED;
    }
    return FAILURE;
  }

  /** A command line with this tool's error handling, printing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env,
      BufferedReader in) {
    CommandLine cl = new CommandLine(new AgentStoreCli(env, in));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      String what = e instanceof AgentStoreException || e instanceof CommandLine.ParameterException
          ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
      line.getErr().println("agentstore: error: " + what);
      line.getErr().flush();
      return exitCodeOf(e);
    });
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine line = e.getCommandLine();
      line.getErr().println("agentstore: error: " + e.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, line.getErr())) {
        line.getErr().println("See 'agentstore " + commandPath(line) + "--help'.");
      }
      line.getErr().flush();
      return USAGE;
    });
    return cl;
  }

  private static String commandPath(CommandLine line) {
    String qualified = line.getCommandSpec().qualifiedName(" ");
    String rest = qualified.equals("agentstore") ? "" : qualified.substring("agentstore ".length());
    return rest.isEmpty() ? "" : rest + " ";
  }

  /**
   * Runs the tool in-process and returns its exit code: what {@link #main} does, with the
   * streams, environment and (for {@code --reveal}'s question) input given.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err,
      Map<String, String> env, BufferedReader in) {
    try {
      return commandLine(out, err, env, in).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The entry point of the runnable jar. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    BufferedReader in = System.console() == null ? null
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.exit(execute(args, out, err, System.getenv(), in));
  }
}
