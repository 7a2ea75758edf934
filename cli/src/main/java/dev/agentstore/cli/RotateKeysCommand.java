package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.secret.ReencryptionReport;
import dev.agentstore.secret.Secrets;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rotate-keys}: re-seals every secret under the key set's primary key. */
@Command(name = "rotate-keys", sortOptions = false,
    description = {"Re-encrypt every secret value that is not under the primary key (after"
        + " adding a new primary to the key set), batch by batch, with a progress bar on stderr.",
        "Safe to interrupt and rerun. Afterwards the old key can be removed."})
final class RotateKeysCommand extends StoreCommand implements Callable<Integer> {
  /** The kinds whose resources hold secret values. */
  static final List<Kind> SECRET_KINDS = List.of(Kind.ENVIRONMENT, Kind.EXECUTION_CONTEXT,
      Kind.AGENT_EXECUTION, Kind.WORKFLOW_EXECUTION);
  private static final int BAR = 30;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + Secrets.DEFAULT_BATCH_SIZE,
      description = "Resources per write transaction (1..1000, default ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > Query.MAX_PAGE_SIZE) {
      throw usage("--batch-size: must be between 1 and " + Query.MAX_PAGE_SIZE + ", got "
          + batchSize);
    }
    try (AgentStore store = root.open()) {
      long total = 0;
      for (Kind k : SECRET_KINDS) {
        total += Kinds.repository(store, k).count(Query.all());
      }
      long all = total;
      PrintWriter err = err();
      ReencryptionReport r = store.secrets().reencrypt(batchSize, Integer.MAX_VALUE,
          progress -> bar(err, progress.resourcesScanned(), all));
      err.println();
      err.flush();
      out().printf("Re-encryption %s: %d resources scanned, %d rewritten, %d values re-sealed,"
              + " %d retries.%n", r.complete() ? "complete" : "stopped early",
          r.resourcesScanned(), r.resourcesRewritten(), r.valuesResealed(), r.retries());
      if (!r.complete()) {
        err.println("agentstore: error: re-encryption was interrupted; run rotate-keys again to"
            + " finish");
        return Thread.currentThread().isInterrupted() ? AgentStoreCli.INTERRUPTED
            : AgentStoreCli.FAILURE;
      }
    }
    return AgentStoreCli.OK;
  }

  /** {@code re-encrypting [#######.......]  50% 120/240}, redrawn in place. */
  static void bar(PrintWriter err, long done, long total) {
    long shownTotal = Math.max(total, done); // resources created meanwhile
    int filled = shownTotal == 0 ? BAR : (int) (BAR * done / shownTotal);
    long percent = shownTotal == 0 ? 100 : 100 * done / shownTotal;
    err.printf("\rre-encrypting [%s%s] %3d%% %d/%d", "#".repeat(filled), ".".repeat(BAR - filled),
        percent, done, shownTotal);
    err.flush();
  }
}
