package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.postgres.internal.PostgresBackendFactory;
import dev.agentstore.sql.MigrationGate;
import dev.agentstore.sql.SchemaDrift;
import dev.agentstore.sql.SqlBackendWiring;
import dev.agentstore.sql.internal.V1Rows;
import dev.agentstore.sql.internal.V6Items;
import dev.agentstore.sql.internal.SqlNames;
import dev.agentstore.sql.internal.SqlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrated live schema against the jOOQ model generated from the migrations at build time,
 * plus what the generic drift check cannot see: delete rules and the label index.
 */
class PostgresSchemaTest {
  /** Flyway's own table, and migration 9's lock-only table, which H2 cannot replay. */
  private static final Set<String> IGNORED =
      Set.of("flyway_schema_history", "agentstore_history_order");
  private static String url;

  @BeforeAll
  static void migrate() {
    url = PostgresStores.newDatabase();
    AgentStore.builder().uri(url).open().close();
  }

  private static Schema live(DSLContext ctx) {
    return ctx.meta().getSchemas("public").get(0);
  }

  @Test
  void runsOnARealServerOfASupportedVersion() {
    int major = PostgresStores.serverMajorVersion();
    assertThat(major).isGreaterThanOrEqualTo(14);
    if (System.getenv(PostgresStores.ENV) == null) {
      assertThat(major).as("the embedded binaries of the build").isEqualTo(17);
    }
  }

  @Test
  void declaredLatestMigrationIsTheNewestScript() throws IOException {
    assertThat(MigrationGate.newestVersionIn(
        Path.of("src/main/resources/db/migration/postgresql")))
        .contains(PostgresBackendFactory.LATEST_MIGRATION);
  }

  @Test
  void flywayIsSkippedOnlyWhenTheNewestMigrationIsRecorded() {
    String latest = PostgresBackendFactory.LATEST_MIGRATION;
    assertThat(MigrationGate.isCurrent(PostgresStores.dataSource(url), latest)).isTrue();
    assertThat(MigrationGate.isCurrent(PostgresStores.dataSource(url), "999")).isFalse();
    String empty = PostgresStores.newDatabase();
    assertThat(MigrationGate.isCurrent(PostgresStores.dataSource(empty), latest)).isFalse();
  }

  @Test
  void generatedModelMatchesTheMigratedDatabase() throws SQLException {
    Schema generated = new PostgresDialect().schema();
    new SqlSchema(generated); // every table, column and Java type the shared code relies on
    try (Connection c = PostgresStores.connect(url)) {
      List<String> drift = SchemaDrift.compare(generated, live(DSL.using(c)), IGNORED);
      assertThat(drift).isEmpty();
      assertThat(generated.getTables()).hasSize(24);
    }
  }

  @Test
  void driftIsReportedWhenTheDatabaseDiffers() throws SQLException {
    String other = PostgresStores.newDatabase();
    AgentStore.builder().uri(other).open().close();
    try (Connection c = PostgresStores.connect(other); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE agents ADD COLUMN extra TEXT");
      st.execute("ALTER TABLE sessions ALTER COLUMN name SET NOT NULL");
      st.execute("ALTER TABLE skills ALTER COLUMN spec TYPE TEXT");
      st.execute("ALTER TABLE agent_instances DROP CONSTRAINT agent_instances_agent_id_fkey");
      List<String> drift = SchemaDrift.compare(new PostgresDialect().schema(),
          live(DSL.using(c)), IGNORED);
      assertThat(drift).anyMatch(d -> d.startsWith("column agents.extra: only in the database"))
          .anyMatch(d -> d.startsWith("column sessions.name: generated nullable"))
          .anyMatch(d -> d.startsWith("column skills.spec: generated as json, database has text"))
          .anyMatch(d -> d.startsWith("agent_instances foreign keys"))
          .hasSize(4);
    }
  }

  @Test
  void deleteRulesCascadeOnlyFromAnExecutionToWhatItOwns() throws SQLException {
    Map<String, String> rules = new TreeMap<>();
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT conname, confdeltype FROM pg_constraint"
            + " WHERE contype = 'f' AND connamespace = 'public'::regnamespace")) {
      while (rs.next()) {
        rules.put(rs.getString(1), rs.getString(2));
      }
    }
    assertThat(rules).hasSize(29);
    rules.forEach((name, rule) -> {
      boolean owned = name.startsWith("execution_contexts_agent_execution")
          || name.startsWith("execution_contexts_workflow_execution")
          || name.endsWith("_items_execution_fkey")
          || name.endsWith("_instance_environments_instance_fkey"); // an instance's join rows
      assertThat(rule).as(name).isEqualTo(owned ? "c" : "r");
    });
  }

  /** Every resource table's expiry bound is served by its partial index (migration 8). */
  @Test
  void expiryBoundsUseThePartialExpiryIndexOfEveryResourceTable() throws SQLException {
    PostgresDialect dialect = new PostgresDialect();
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      DSLContext ctx = DSL.using(c);
      for (Kind kind : Kind.resourceKinds()) {
        String name = SqlNames.table(kind);
        Table<?> t = dialect.schema().getTable(name);
        @SuppressWarnings("unchecked")
        org.jooq.Field<String> metadata = (org.jooq.Field<String>) t.field("metadata");
        String plan = ctx.explain(ctx.select(t.field("id")).from(t)
            .where(dialect.expiresAt(metadata).le(1_000_000L))).plan();
        assertThat(plan).as(name).contains(name + "_expires_idx");
      }
    }
  }

  @Test
  void labelEqualityUsesTheGinIndex() throws SQLException {
    Table<?> agents = new PostgresDialect().schema().getTable("agents");
    @SuppressWarnings("unchecked")
    org.jooq.Field<String> labels = (org.jooq.Field<String>) agents.field("labels");
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      DSLContext ctx = DSL.using(c);
      String plan = ctx.explain(ctx.selectFrom(agents)
          .where(new PostgresDialect().labelEquals(labels, "env", "prod"))).plan();
      assertThat(plan).contains("agents_labels_idx");
    }
  }

  @Test
  void checkConstraintsGuardPhasesAndEvents() throws SQLException {
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, pg_get_constraintdef(oid)"
            + " FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace"
            + " AND pg_get_constraintdef(oid) LIKE '%ANY%'")) {
      Map<String, String> checks = new TreeMap<>();
      while (rs.next()) {
        checks.merge(rs.getString(1), rs.getString(2), (a, b) -> a + " " + b);
      }
      assertThat(checks.get("agent_executions")).contains("'CANCELLED'").contains("'WAITING'");
      assertThat(checks.get("workflow_executions")).contains("'IN_PROGRESS'")
          .contains("'WAITING'");
      assertThat(checks.get("api_resource_versions")).contains("'STATUS_UPDATED'");
      assertThat(checks.get("agent_execution_items")).contains("'toolCalls'");
    }
  }

  /**
   * Migration 2 on a store written by V1: the environments V1 instances list get their checked
   * join rows (so such an environment cannot be deleted afterwards), and a store whose V1 rows
   * already break a reference is refused rather than half-migrated.
   */
  @Test
  void migration2BackfillsListReferencesAndRefusesDanglingOnes() throws Exception {
    Path v1 = Files.createTempDirectory(Path.of("target"), "v1-scripts");
    try (InputStream in = PostgresSchemaTest.class.getResourceAsStream(
        "/db/migration/postgresql/V1__schema.sql")) {
      Files.copy(in, v1.resolve("V1__schema.sql"), StandardCopyOption.REPLACE_EXISTING);
    }
    String org = Ids.next(Kind.ORGANIZATION);
    String env = Ids.next(Kind.ENVIRONMENT);
    String agent = Ids.next(Kind.AGENT);
    String ok = v1Store(v1, org, env, agent, env);
    try (AgentStore store = PostgresStores.builderFor(ok).open()) {
      assertThatThrownBy(() -> store.environments().delete(env))
          .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(env);
      assertThat(store.environments().get(env)).isPresent();
    }
    String dangling = v1Store(v1, org, env, agent, Ids.next(Kind.ENVIRONMENT));
    assertThatThrownBy(() -> PostgresStores.builderFor(dangling).open())
        .isInstanceOf(AgentStoreException.class);
  }

  /**
   * Migration 7 on a store written by V6 with items: the org and ItemField keys computed in SQL
   * are the keys the store writes, and queries across executions find the old items.
   */
  @Test
  void migration7BackfillsTheOrgAndKeysOfExistingItems() throws Exception {
    Path v6 = Files.createTempDirectory(Path.of("target"), "v6-scripts");
    for (String script : List.of("V1__schema.sql", "V2__references.sql",
        "V3__waiting_and_indexed_fields.sql", "V4__history_times_as_micros.sql", "V5__leases.sql",
        "V6__declared_kinds.sql")) {
      try (InputStream in = PostgresSchemaTest.class.getResourceAsStream(
          "/db/migration/postgresql/" + script)) {
        Files.copy(in, v6.resolve(script), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String db = PostgresStores.newDatabase();
    SqlBackendWiring.migrate(PostgresStores.dataSource(db), "a V6 store",
        new SqlBackendWiring.Migrations(PostgresSchemaTest.class.getClassLoader(),
            "filesystem:" + v6.toAbsolutePath(), "6"),
        SqlBackendWiring.MigrationLock.ALREADY_HELD);
    String org = Ids.next(Kind.ORGANIZATION);
    try (Connection c = PostgresStores.connect(db); Statement st = c.createStatement()) {
      V6Items.seed(st, org, Ids.next(Kind.AGENT_EXECUTION), "now()");
    }
    try (AgentStore store = PostgresStores.builderFor(db).open()) {
      var calls = store.forOrg(org).agentExecutions().toolCallsAcross();
      assertThat(calls.count(ExecutionItemQuery.builder().where("status", "FAILED")
          .since(Instant.parse(V6Items.TIMES.get(1))).build())).isEqualTo(1);
      assertThat(calls.count(ExecutionItemQuery.builder().where("name", V6Items.LONG_NAME)
          .build())).isEqualTo(1);
    }
    try (Connection c = PostgresStores.connect(db); Statement st = c.createStatement()) {
      assertThat(V6Items.keys(st)).isEqualTo(V6Items.expected(org));
    }
  }

  /** A new database at schema version 1 holding an org, an environment, an agent, an instance. */
  private static String v1Store(Path v1, String org, String env, String agent, String listed)
      throws SQLException {
    String db = PostgresStores.newDatabase();
    SqlBackendWiring.migrate(PostgresStores.dataSource(db), "a V1 store",
        new SqlBackendWiring.Migrations(PostgresSchemaTest.class.getClassLoader(),
            "filesystem:" + v1.toAbsolutePath(), "1"),
        SqlBackendWiring.MigrationLock.ALREADY_HELD);
    try (Connection c = PostgresStores.connect(db); Statement st = c.createStatement()) {
      V1Rows.seedReferences(st, org, env, agent, listed, "now()");
    }
    return db;
  }
}
