package dev.agentstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.NotFoundException;
import dev.agentstore.history.ResourceVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history ID}: every kept version of a resource, oldest first. */
@Command(name = "history", sortOptions = false,
    description = "Print the kept history of a resource, oldest first.")
final class HistoryCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The resource id.")
  String id;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default ${DEFAULT-VALUE}; json and yaml include each"
          + " snapshot, secrets masked).")
  Output.Format format;

  @Mixin
  Paging paging;

  @Override
  public Integer call() {
    paging.check(this);
    try (AgentStore store = root.open()) {
      Kind kind = kindOf(store, id);
      List<ResourceVersion> all = new ArrayList<>();
      long after = 0;
      while (all.size() < paging.limit) {
        List<ResourceVersion> page = store.history().list(id, after,
            Math.min(10_000, paging.limit - all.size()));
        all.addAll(page);
        if (page.isEmpty()) {
          break;
        }
        after = page.get(page.size() - 1).sequence();
      }
      if (all.isEmpty()) {
        throw new NotFoundException(kind.kindName() + " " + id + " has no history: not found");
      }
      print(all, format);
    }
    return AgentStoreCli.OK;
  }

  void print(List<ResourceVersion> versions, Output.Format f) {
    if (f == Output.Format.table) {
      table(versions).print(out());
    } else {
      ArrayNode array = Output.JSON.createArrayNode();
      versions.forEach(v -> array.add(Output.tree(v)));
      Output.print(out(), array, f);
    }
  }

  static Output.Table table(List<ResourceVersion> versions) {
    Output.Table t = new Output.Table("SEQUENCE", "RESOURCE", "VERSION", "EVENT", "ACTOR",
        "AT", "MESSAGE");
    for (ResourceVersion v : versions) {
      t.row(v.sequence(), v.resourceId(), v.resourceVersion(), v.event(), v.actor(),
          v.createdAt(), v.message());
    }
    return t;
  }

  /** {@code --limit} of history and changes. */
  static final class Paging {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
        description = "At most N entries (default ${DEFAULT-VALUE}).")
    int limit;

    void check(StoreCommand command) {
      if (limit < 1) {
        throw command.usage("--limit: must be positive, got " + limit);
      }
    }
  }
}
