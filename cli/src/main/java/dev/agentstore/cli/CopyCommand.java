package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStores;
import dev.agentstore.Archives;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.SecretsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code copy --to URI}: copies the store into another, resumably (docs/portability.md). */
@Command(name = "copy", sortOptions = false,
    description = {"Copy the store (--from, default --store) into the empty store --to, with"
        + " everything an export holds and without an intermediate file (SQLite to PostgreSQL"
        + " and back). Secrets stay sealed; with a different key on --to they are re-sealed"
        + " under it.",
        "Each batch commits with a record of how far the copy got: a copy that was killed or"
        + " failed resumes where it stopped when the same command is run again."})
final class CopyCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = "--from", paramLabel = "URI",
      description = "The source store, opened with --key-file/--key-env (default: --store).")
  String from;

  @Option(names = "--from-artifacts", paramLabel = "URI",
      description = "The source's artifact store (default: --artifacts).")
  String fromArtifacts;

  @Option(names = "--to", paramLabel = "URI", required = true,
      description = "The target store: new and empty, or holding an unfinished copy of the"
          + " source.")
  String to;

  @Option(names = "--to-key-file", paramLabel = "FILE",
      description = "The target's keyset (default: the same key options as the source).")
  Path toKeyFile;

  @Option(names = "--to-artifacts", paramLabel = "URI",
      description = "The target's artifact store (local: stores default to their data dir).")
  String toArtifacts;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + AgentStores.DEFAULT_BATCH_SIZE,
      description = "Records per target transaction (1..10000, default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--verify",
      description = "Then compare the two stores as 'verify' does (exit 1 if they differ).")
  boolean verify;

  @Mixin
  ProgressBar.Option progress;

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > 10_000) {
      throw usage("--batch-size: must be between 1 and 10000, got " + batchSize);
    }
    String source = from != null ? from : root.uri();
    AgentStore.Builder targetBuilder = toKeyFile != null
        ? root.builderFor(to, toKeyFile, toArtifacts) : root.builderAt(to, toArtifacts);
    ProgressBar bar = progress.on(root, err(), "copying");
    try (AgentStore a = root.builderAt(source, fromArtifacts != null ? fromArtifacts
        : root.artifacts).open(); AgentStore b = targetBuilder.open()) {
      AgentStores.CopyReport report;
      try {
        report = AgentStores.copy().from(a).to(b).batchSize(batchSize).progress(bar).run();
      } catch (RuntimeException e) {
        bar.finish();
        if (!(e instanceof FailedPreconditionException || e instanceof InvalidArgumentException
            || e instanceof SecretsException)) {
          err().println("agentstore: the copy stopped; what it committed is kept: run the same"
              + " command again to resume");
        }
        throw e;
      }
      bar.finish();
      out().printf("Copied %s to %s%s:%n", source, to,
          report.resumed() ? " (resumed an unfinished copy)" : "");
      for (Map.Entry<String, Long> s : report.sections().entrySet()) {
        out().printf("  %-36s %8d%n", s.getKey(), s.getValue());
      }
      out().printf("  %-36s %8d%n", "history sequence", report.historySequence());
      if (verify) {
        Archives.VerifyReport check = Archives.verify(a, b);
        if (!check.identical()) {
          check.differences().forEach(d -> out().println("DIFFERENT " + d));
          return AgentStoreCli.FAILURE;
        }
        out().println("Identical.");
      }
    }
    return AgentStoreCli.OK;
  }
}
