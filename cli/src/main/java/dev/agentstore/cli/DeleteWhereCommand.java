package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.DeleteOptions;
import dev.agentstore.DeleteResult;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code delete-where KIND --filter EXPR}: bulk deletion in bounded batches. */
@Command(name = "delete-where", sortOptions = false,
    description = {"Delete the resources of a kind that match a filter and/or label selector,"
        + " in batches (one transaction each), honouring delete rules: a resource something"
        + " still references is left and counted as blocked."})
final class DeleteWhereCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class,
      description = "The kind (built-in, or declared: swarm.dev/Trigger).")
  String kindName;

  @Option(names = {"--filter", "--where"}, paramLabel = "EXPR",
      description = "A filter expression (docs/queries.md).")
  String filter;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "A label selector.")
  String selector;

  @Option(names = "--org", paramLabel = "ORG", description = "Only this org's resources.")
  String org;

  @Option(names = "--all", description = "Match every resource of the kind (no filter needed).")
  boolean all;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = ""
      + DeleteOptions.DEFAULT_BATCH_SIZE,
      description = "Resources per transaction (1..10000, default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--prune-history", description = "Delete their history too (no DELETED entry).")
  boolean pruneHistory;

  @Option(names = "--delete-artifacts",
      description = "Delete the executions' artifacts (<id>/ prefixes) too.")
  boolean deleteArtifacts;

  @Option(names = "--dry-run", description = "Only count the matches; delete nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (filter == null && selector == null && !all) {
      throw usage("delete-where needs --filter or --selector (or --all to delete every "
          + kindName + ")");
    }
    if (batchSize < 1 || batchSize > DeleteOptions.MAX_BATCH_SIZE) {
      throw usage("--batch-size: must be between 1 and " + DeleteOptions.MAX_BATCH_SIZE
          + ", got " + batchSize);
    }
    Query.Builder q = Query.builder();
    if (filter != null) {
      q.filter(filter);
    }
    if (selector != null) {
      q.labelSelector(selector);
    }
    if (org != null) {
      q.org(org);
    }
    Query query = q.build();
    DeleteOptions options = DeleteOptions.builder().batchSize(batchSize)
        .pruneHistory(pruneHistory).deleteArtifacts(deleteArtifacts).build();
    try (AgentStore store = root.open()) {
      Kind kind = kindNamed(store, "KIND", kindName);
      if (dryRun) {
        out().printf("Would delete up to %d %s resources (dry run: nothing deleted).%n",
            Kinds.repository(store, kind).count(query), kind.kindName());
        return AgentStoreCli.OK;
      }
      DeleteResult r = Kinds.repository(store, kind).deleteWhere(query, options);
      out().printf("Deleted %d %s resources in %d batches; %d blocked (still referenced);"
          + " %d artifacts deleted.%n", r.deleted(), kind.kindName(), r.batches(), r.blocked(),
          r.artifactsDeleted());
    }
    return AgentStoreCli.OK;
  }
}
