package dev.agentstore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstore.AgentStore;
import dev.agentstore.Metadata;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Organization;
import dev.agentstore.model.OrganizationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The documents every workload writes, and the library's own row format of them: an org, a
 * template agent and a template agent execution created through the library, then read back raw
 * (row, history snapshot, one message body), so raw baselines and seeded rows carry the same JSON
 * documents the library writes. On PostgreSQL the JSONB text read back is re-compacted, so the
 * documents keep the size the library sends.
 *
 * <p>Usage: {@code Dataset d = Dataset.create(store, db, raw); Row r = d.agentRow().withIdentity(id, slug, now);}
 */
final class Dataset {
  /** The actor every write records (the library's default). */
  static final String ACTOR = AgentStore.SYSTEM_ACTOR;
  private static final String TEMPLATE = "bench-template";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant MESSAGE_TIME = Instant.parse("2025-01-01T00:00:00Z");

  private final String org;
  private final Row agentRow;
  private final String agentSnapshot;
  private final Row executionRow;
  private final String executionSnapshot;
  private final String messageBody;

  private Dataset(String org, Row agentRow, String agentSnapshot, Row executionRow,
      String executionSnapshot, String messageBody) {
    this.org = org;
    this.agentRow = agentRow;
    this.agentSnapshot = agentSnapshot;
    this.executionRow = executionRow;
    this.executionSnapshot = executionSnapshot;
    this.messageBody = messageBody;
  }

  /** Creates the org and the templates through the library and reads their rows back raw. */
  static Dataset create(AgentStore store, BenchDb db, RawStore raw) {
    String org = store.organizations().create(organization("bench-org")).id();
    Agent agent = store.agents().create(agent(org, TEMPLATE, 0));
    AgentExecution exec = store.agentExecutions().create(execution(org, TEMPLATE, agent.id()));
    store.agentExecutions().appendMessages(exec.id(), message(0));
    try (Connection c = db.connect()) {
      Row a = compact(raw.find(c, RawTable.AGENTS, agent.id(), false));
      Row e = compact(raw.find(c, RawTable.AGENT_EXECUTIONS, exec.id(), false));
      String aSnap = compact(one(c, "select snapshot from api_resource_versions"
          + " where resource_id = ? order by seq limit 1", agent.id()));
      String eSnap = compact(one(c, "select snapshot from api_resource_versions"
          + " where resource_id = ? order by seq limit 1", exec.id()));
      String body = compact(one(c, "select body from agent_execution_items where execution_id = ?"
          + " and collection = 'messages'", exec.id()));
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return new Dataset(org, a, aSnap.replace(agent.id(), "%ID%").replace(TEMPLATE, "%SLUG%"),
          e, eSnap.replace(exec.id(), "%ID%").replace(TEMPLATE, "%SLUG%"), body);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the template rows failed: " + e, e);
    }
  }

  /** An organization named {@code name}. */
  static Organization organization(String name) {
    return new Organization(Metadata.of(null, name), OrganizationSpec.builder()
        .description("Benchmark org").build(),
        null);
  }

  /** The agent every agent workload writes; {@code variant} changes the instructions. */
  static Agent agent(String org, String name, int variant) {
    return new Agent(Metadata.of(org, name).withLabel("env", "bench").withLabel("team", "core")
        .withAnnotations(Map.of("owner", "benchmarks")).withTags(List.of("bench")),
        spec(variant), null);
  }

  /** The agent spec of {@code variant}. */
  static AgentSpec spec(int variant) {
    return AgentSpec.builder().description("Benchmark agent")
        .instructions("Answer briefly, cite the runbook and never"
        + " guess. Escalate to a human when the customer asks twice. Variant " + variant).mcpServers(List.of("search", "tickets")).skillRefs(List.of()).subAgents(List.of()).build();
  }

  /** An agent execution in PENDING. */
  static AgentExecution execution(String org, String name, String agentId) {
    return new AgentExecution(Metadata.of(org, name).withLabel("env", "bench"),
        AgentExecutionSpec.builder().agentId(agentId).message("Why is checkout slow for EU customers today?")
            .config(ExecutionConfig.builder().model("gpt-4o").build()).build(), null);
  }

  /** The message appended by the append workloads. */
  static AgentMessage message(int n) {
    return AgentMessage.of(MessageType.AI, "Checkout latency rose after the 14:05 deploy; the"
        + " payment provider's p99 doubled. Rolling back the connection-pool change should fix"
        + " it. (" + n + ")", MESSAGE_TIME);
  }

  /** The org the templates live in. */
  String org() {
    return org;
  }

  /** The library's row of the template agent. */
  Row agentRow() {
    return agentRow;
  }

  /** The agent spec JSON of {@code variant}, in the library's text form. */
  String agentSpecJson(int variant) {
    return agentRow.spec().replace("Variant 0", "Variant " + variant);
  }

  /** The history snapshot of an agent with this id and slug (= name). */
  String agentSnapshot(String id, String slug) {
    return agentSnapshot.replace("%ID%", id).replace("%SLUG%", slug);
  }

  /** The library's row of the template execution. */
  Row executionRow() {
    return executionRow;
  }

  /** The history snapshot of an execution with this id and slug (= name). */
  String executionSnapshot(String id, String slug) {
    return executionSnapshot.replace("%ID%", id).replace("%SLUG%", slug);
  }

  /** One message body in the library's item format. */
  String messageBody() {
    return messageBody;
  }

  private static String one(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no row for " + id + ": " + sql);
        }
        return rs.getString(1);
      }
    }
  }

  private static Row compact(Row r) {
    return new Row(r.id(), r.org(), r.slug(), r.name(), r.version(), compact(r.labels()),
        compact(r.metadata()), compact(r.spec()), compact(r.status()), r.extras(), r.createdAt(),
        r.updatedAt(), r.createdBy(), r.updatedBy());
  }

  /** Compact JSON text (PostgreSQL returns JSONB with spaces after separators). */
  private static String compact(String json) {
    try {
      return JSON.readTree(json).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
