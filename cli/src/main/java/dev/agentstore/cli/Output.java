package dev.agentstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.agentstore.Resource;
import dev.agentstore.ResourceJson;
import dev.agentstore.history.ResourceVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How commands print: JSON (as the library serialises resources), YAML (the same tree) or an
 * aligned table; and the masking of secret values, which every format goes through.
 */
final class Output {
  /** The shown value of a secret unless {@code --reveal} was confirmed. */
  static final String MASK = "***";

  /** The output formats of {@code -o}. */
  enum Format { table, json, yaml }

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private Output() {}

  /** The envelope of {@code r} as a tree, secrets masked unless {@code reveal}. */
  static ObjectNode tree(Resource<?, ?> r, boolean reveal) {
    try {
      ObjectNode node = (ObjectNode) COMPACT.readTree(ResourceJson.write(r));
      return reveal ? node : Kinds.maskDeclared(r.kind(), mask(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read the library's own JSON", e);
    }
  }

  /** A history entry as a tree; its snapshot holds sealed values, shown masked too. */
  static ObjectNode tree(ResourceVersion v) {
    ObjectNode n = COMPACT.createObjectNode();
    n.put("sequence", v.sequence());
    n.put("id", v.id());
    n.put("kind", v.kind().kindName());
    n.put("resourceId", v.resourceId());
    n.put("org", v.org());
    n.put("resourceVersion", v.resourceVersion());
    n.put("event", v.event().name());
    n.put("actor", v.actor());
    n.put("message", v.message());
    n.put("createdAt", v.createdAt().toString());
    n.set("snapshot", v.snapshot() == null ? null
        : Kinds.maskDeclared(v.kind(), mask(v.snapshot().deepCopy())));
    return n;
  }

  /**
   * Replaces the value of every {@code {"secret": true, "value": ...}} object in the tree (an
   * environment's data, an execution's runtimeEnv, a context's data, at any depth) with
   * {@value #MASK}.
   */
  static <T extends JsonNode> T mask(T node) {
    if (node instanceof ObjectNode o) {
      if (o.path("secret").asBoolean(false) && o.has("value") && !o.get("value").isNull()) {
        o.put("value", MASK);
      }
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        mask(it.next().getValue());
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode child : a) {
        mask(child);
      }
    }
    return node;
  }

  /** Prints {@code node} as JSON or YAML. */
  /** An archive's manifest as a table: one line per section, its count and digest. */
  static void printSummary(PrintWriter out, dev.agentstore.ArchiveSummary summary) {
    out.printf("%-32s %10s  %s%n", "SECTION", "COUNT", "DIGEST");
    summary.sections().forEach((name, s) ->
        out.printf("%-32s %10d  %s%n", name, s.count(), s.digest()));
    out.printf("history sequence: %d%n", summary.historySequence());
    out.flush();
  }

  static void print(PrintWriter out, JsonNode node, Format format) {
    try {
      if (format == Format.yaml) {
        out.print(YAML.writeValueAsString(node));
      } else {
        out.println(JSON.writeValueAsString(node));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print JSON", e);
    }
  }

  /** One line of compact JSON (NDJSON, for streams). */
  static String line(JsonNode node) {
    try {
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print JSON", e);
    }
  }

  /** An aligned table: a header row, then the rows; columns two spaces apart. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    Table row(Object... cells) {
      String[] r = new String[cells.length];
      for (int i = 0; i < cells.length; i++) {
        r[i] = cells[i] == null ? "" : cells[i].toString().replace('\n', ' ');
      }
      rows.add(r);
      return this;
    }

    int size() {
      return rows.size() - 1;
    }

    void print(PrintWriter out) {
      int[] width = new int[rows.get(0).length];
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          width[i] = Math.max(width[i], r[i].length());
        }
      }
      for (String[] r : rows) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
          b.append(r[i]);
          if (i < r.length - 1) {
            b.append(" ".repeat(width[i] - r[i].length() + 2));
          }
        }
        out.println(b.toString().stripTrailing());
      }
    }
  }
}
