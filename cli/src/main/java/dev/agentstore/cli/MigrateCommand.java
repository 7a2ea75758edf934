package dev.agentstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.SchemaMigration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}: applies the bundled migrations and prints the schema's history. */
@Command(name = "migrate", sortOptions = false,
    description = {"Apply the schema migrations this version bundles (creating the store when it"
        + " is new) and print the migration history like 'flyway info'."})
final class MigrateCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default ${DEFAULT-VALUE}).")
  Output.Format format;

  @Override
  public Integer call() {
    List<SchemaMigration> applied;
    try (AgentStore store = root.open()) { // opening migrates
      applied = store.schemaMigrations();
    }
    if (format != Output.Format.table) {
      ArrayNode array = Output.JSON.createArrayNode();
      for (SchemaMigration m : applied) {
        ObjectNode n = array.addObject();
        n.put("rank", m.rank());
        n.put("version", m.version());
        n.put("description", m.description());
        n.put("installedOn", m.installedOn());
        n.put("state", m.state());
      }
      Output.print(out(), array, format);
      return AgentStoreCli.OK;
    }
    Output.Table t = new Output.Table("VERSION", "DESCRIPTION", "INSTALLED ON", "STATE");
    String newest = null;
    for (SchemaMigration m : applied) {
      t.row(m.version(), m.description(), m.installedOn(), m.state());
      if (m.version() != null && m.success()) {
        newest = m.version();
      }
    }
    if (applied.isEmpty()) {
      out().println("This backend keeps no migration history.");
    } else {
      t.print(out());
      out().println("Schema is up to date at version " + newest + ".");
    }
    return AgentStoreCli.OK;
  }
}
