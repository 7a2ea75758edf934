package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.Archives;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verify --target URI}: compares the store with another, section by section. */
@Command(name = "verify", sortOptions = false,
    description = {"Compare the store with --target: counts and content digests of every"
        + " kind's resources and items, history, settings and artifacts.",
        "Exit code 0 when they are identical, 1 (listing the differences) otherwise."})
final class VerifyCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = "--target", paramLabel = "URI", required = true,
      description = "The store to compare with.")
  String target;

  @Option(names = "--target-key-file", paramLabel = "FILE",
      description = "The target's keyset (default: the same key options as the store).")
  Path targetKeyFile;

  @Option(names = "--target-artifacts", paramLabel = "URI",
      description = "The target's artifact store (local: stores default to their data dir).")
  String targetArtifacts;

  @Override
  public Integer call() {
    Path keys = targetKeyFile != null ? targetKeyFile : root.keyFile;
    try (AgentStore source = root.open();
        AgentStore other = root.builderFor(target, keys, targetArtifacts).open()) {
      Archives.VerifyReport report = Archives.verify(source, other);
      Output.printSummary(out(), report.source());
      if (report.identical()) {
        out().println("Identical.");
        return AgentStoreCli.OK;
      }
      for (String d : report.differences()) {
        out().println("DIFFERENT " + d);
      }
      return AgentStoreCli.FAILURE;
    }
  }
}
