package dev.agentstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ls KIND}: the resources of a kind that match a label selector and a filter. */
@Command(name = "ls", aliases = "list", sortOptions = false,
    description = "List the resources of a kind, oldest first, filtered by labels and fields.")
final class LsCommand extends StoreCommand implements Callable<Integer> {
  /** The most rows {@code --limit} allows. */
  static final int MAX_LIMIT = 100_000;

  @Parameters(index = "0", paramLabel = "KIND", completionCandidates = Kinds.class,
      description = "The kind: Agent, agents, agent-executions, ... (${COMPLETION-CANDIDATES}),"
          + " or a kind the store declares: swarm.dev/Trigger, or Trigger when unambiguous.")
  String kindName;

  @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
      description = "A label selector, e.g. 'team=support,tier in (gold,silver),!legacy'.")
  String selector;

  @Option(names = {"--where", "--filter"}, paramLabel = "EXPR",
      description = "A filter expression, e.g. 'spec.config.model == \"gpt-4o\"' (JSON"
          + " literals; docs/queries.md).")
  String filter;

  @Option(names = "--org", paramLabel = "ORG", description = "Only this org's resources.")
  String org;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "At most N resources (1..100000, default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default ${DEFAULT-VALUE}).")
  Output.Format format;

  @Option(names = {"-q", "--ids"}, description = "Print only the ids, one a line (for scripts).")
  boolean idsOnly;

  @Mixin
  RevealOptions secrets;

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw usage("--limit: must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    boolean reveal = secrets.confirmed(this);
    Query.Builder q = Query.builder().pageSize(Math.min(limit, Query.MAX_PAGE_SIZE));
    if (selector != null) {
      q.labelSelector(selector);
    }
    if (filter != null) {
      q.filter(filter);
    }
    if (org != null) {
      q.org(org);
    }
    Query query = q.build();
    try (AgentStore store = root.open()) {
      Kind kind = kindNamed(store, "KIND", kindName);
      List<ObjectNode> rows;
      try (Stream<? extends Resource<?, ?>> s = Kinds.repository(store, kind).stream(query)) {
        rows = s.limit(limit).map(r -> Output.tree(r, reveal)).toList();
      }
      if (idsOnly) {
        rows.forEach(r -> out().println(r.path("metadata").path("id").asText()));
      } else if (format == Output.Format.table) {
        table(kind, rows).print(out());
        if (rows.isEmpty()) {
          err().println("No " + kind.kindName() + " resources found.");
        }
      } else {
        ArrayNode array = Output.JSON.createArrayNode();
        rows.forEach(array::add);
        Output.print(out(), array, format);
      }
    }
    return AgentStoreCli.OK;
  }

  /** The columns of every kind, then the few that tell one kind's resources apart. */
  static Output.Table table(Kind kind, List<ObjectNode> rows) {
    String[][] extra = extraColumns(kind);
    String[] header = new String[5 + extra.length];
    header[0] = "ID";
    header[1] = "NAME";
    header[2] = "ORG";
    header[3] = "VERSION";
    for (int i = 0; i < extra.length; i++) {
      header[4 + i] = extra[i][0];
    }
    header[header.length - 1] = "UPDATED";
    Output.Table t = new Output.Table(header);
    for (ObjectNode r : rows) {
      JsonNode m = r.path("metadata");
      Object[] cells = new Object[header.length];
      cells[0] = text(m.path("id"));
      cells[1] = text(m.path("name"));
      cells[2] = text(m.path("org"));
      cells[3] = text(m.path("version"));
      for (int i = 0; i < extra.length; i++) {
        cells[4 + i] = text(r.at(extra[i][1]));
      }
      cells[cells.length - 1] = text(m.path("updatedAt"));
      t.row(cells);
    }
    return t;
  }

  private static String[][] extraColumns(Kind kind) {
    return switch (kind.name()) {
      case "AGENT_EXECUTION" -> new String[][] {{"PHASE", "/status/phase"},
          {"AGENT", "/spec/agentId"}, {"SESSION", "/spec/sessionId"}};
      case "WORKFLOW_EXECUTION" -> new String[][] {{"PHASE", "/status/phase"},
          {"WORKFLOW", "/spec/workflowId"}};
      case "AGENT_INSTANCE" -> new String[][] {{"AGENT", "/spec/agentId"}};
      case "WORKFLOW_INSTANCE" -> new String[][] {{"WORKFLOW", "/spec/workflowId"}};
      case "SESSION" -> new String[][] {{"INSTANCE", "/spec/agentInstanceId"},
          {"SUBJECT", "/spec/subject"}};
      case "API_KEY" -> new String[][] {{"FINGERPRINT", "/spec/fingerprint"},
          {"EXPIRES", "/spec/expiresAt"}, {"REVOKED", "/status/revokedAt"}};
      case "MCP_SERVER" -> new String[][] {{"TYPE", "/spec/type"},
          {"STATE", "/status/validationState"}};
      case "SKILL" -> new String[][] {{"STATE", "/status/state"}};
      case "IDENTITY_ACCOUNT" -> new String[][] {{"EMAIL", "/spec/email"}};
      case "EXECUTION_CONTEXT" -> new String[][] {{"EXECUTION", "/spec/executionId"}};
      case "ENVIRONMENT" -> new String[][] {{"VALUES", "/spec/data"}};
      default -> new String[0][];
    };
  }

  private static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (n.isObject()) {
      // an environment's values: their names only, never the values
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      return String.join(",", names);
    }
    return n.asText();
  }
}
