package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.NotFoundException;
import dev.agentstore.Resource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get ID}: one resource, its kind told by the id's prefix. */
@Command(name = "get", sortOptions = false,
    description = "Print one resource by id (the kind comes from the id's prefix: agt-, aex-, ...).")
final class GetCommand extends StoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The resource id, e.g. agt-01j9...")
  String id;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
      description = "yaml, json or table (default ${DEFAULT-VALUE}).")
  Output.Format format;

  @Mixin
  RevealOptions secrets;

  @Override
  public Integer call() {
    boolean reveal = secrets.confirmed(this);
    try (AgentStore store = root.open()) {
      Kind kind = kindOf(store, id);
      Resource<?, ?> r = Kinds.repository(store, kind).get(id)
          .orElseThrow(() -> new NotFoundException(kind.kindName() + " " + id + " not found"));
      if (format == Output.Format.table) {
        LsCommand.table(kind, List.of(Output.tree(r, reveal))).print(out());
      } else {
        Output.print(out(), Output.tree(r, reveal), format);
      }
    }
    return AgentStoreCli.OK;
  }
}
