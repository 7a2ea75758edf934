package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.ExecutionItem;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.UnavailableException;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.local.internal.LocalBackendFactory;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.sql.MigrationGate;
import dev.agentstore.sql.SchemaDrift;
import dev.agentstore.sql.SqlBackendWiring;
import dev.agentstore.sql.internal.V1Rows;
import dev.agentstore.sql.internal.V6Items;
import dev.agentstore.sql.internal.SqlNames;
import dev.agentstore.sql.internal.SqlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.jooq.Schema;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The migrated SQLite schema against the jOOQ model generated at build time. */
class LocalSchemaTest {
  private static final Set<String> IGNORED = Set.of("flyway_schema_history", "sqlite_sequence");

  @TempDir
  Path dir;

  private Connection migrated(String name) throws SQLException {
    Path store = dir.resolve(name);
    AgentStore.builder().uri("local:" + store).open().close();
    return DriverManager.getConnection("jdbc:sqlite:"
        + store.resolve(LocalBackendFactory.DATABASE_FILE));
  }

  private static Schema live(Connection c) {
    return DSL.using(c).meta().getSchemas().get(0);
  }

  @Test
  void generatedModelMatchesTheMigratedDatabase() throws SQLException {
    Schema generated = new SqliteDialect().schema();
    new SqlSchema(generated); // every table, column and Java type the shared code relies on
    try (Connection c = migrated("a")) {
      assertThat(SchemaDrift.compare(generated, live(c), IGNORED)).isEmpty();
      assertThat(generated.getTables()).hasSize(24);
    }
  }

  @Test
  void driftIsReportedWhenTheDatabaseDiffers() throws SQLException {
    try (Connection c = migrated("b"); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE agents ADD COLUMN extra TEXT");
      st.execute("DROP TABLE store_settings");
      List<String> drift = SchemaDrift.compare(new SqliteDialect().schema(), live(c), IGNORED);
      assertThat(drift).containsExactlyInAnyOrder(
          "column agents.extra: only in the database",
          "table store_settings: in the generated model, not in the database");
    }
  }

  /**
   * Migration 8's expiry index on every resource table is exactly the dialect's, so the
   * expression the queries compare is the indexed one, and SQLite uses it for a bound.
   */
  @Test
  void expiryBoundsUseThePartialExpiryIndexOfEveryResourceTable() throws SQLException {
    SqliteDialect dialect = new SqliteDialect();
    try (Connection c = migrated("expiry"); Statement st = c.createStatement()) {
      for (Kind kind : Kind.resourceKinds()) {
        String name = SqlNames.table(kind);
        try (ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE name = '"
            + name + "_expires_idx'")) {
          assertThat(rs.next()).as(name).isTrue();
          assertThat(rs.getString(1)).isEqualTo(dialect.expiresAtIndex(name));
        }
        String bound = dialect.expiresAtTemplate().replace("{0}", name + ".metadata");
        try (ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT id FROM " + name
            + " WHERE " + bound + " <= 1000000")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("detail")).as(name).contains(name + "_expires_idx");
        }
      }
    }
  }

  @Test
  void declaredLatestMigrationIsTheNewestScript() throws IOException {
    assertThat(MigrationGate.newestVersionIn(Path.of("src/main/resources/db/migration/sqlite")))
        .contains(LocalBackendFactory.LATEST_MIGRATION);
  }

  @Test
  void flywayIsSkippedOnlyWhenTheNewestMigrationIsRecorded() throws SQLException {
    SQLiteDataSource empty = new SQLiteDataSource();
    empty.setUrl("jdbc:sqlite:" + dir.resolve("empty.db"));
    assertThat(MigrationGate.isCurrent(empty, LocalBackendFactory.LATEST_MIGRATION)).isFalse();
    try (Connection c = migrated("c")) {
      SQLiteDataSource source = new SQLiteDataSource();
      source.setUrl("jdbc:sqlite:" + dir.resolve("c").resolve(LocalBackendFactory.DATABASE_FILE));
      assertThat(MigrationGate.isCurrent(source, LocalBackendFactory.LATEST_MIGRATION)).isTrue();
      assertThat(MigrationGate.isCurrent(source, "999")).isFalse();
    }
  }

  @Test
  void aFailedMigrationStillReachesFlywayAndRefusesTheOpen() throws SQLException {
    try (Connection c = migrated("d"); Statement st = c.createStatement()) {
      st.execute("UPDATE flyway_schema_history SET success = 0");
    }
    assertThatThrownBy(() -> AgentStore.builder().uri("local:" + dir.resolve("d")).open())
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("migrating")
        .hasMessageContaining("failed");
  }

  /**
   * Migration 4 on a store whose history holds times as text (what the multi-row history insert
   * wrote before it bound through the column's converter): each becomes the microseconds it
   * names, so reads, ordering and prune treat them like every other row.
   */
  @Test
  void migration4RepairsHistoryTimesStoredAsText() throws Exception {
    Path location = dir.resolve("text-times");
    SQLiteDataSource source = storeMigratedBy(location, "V1__schema.sql", "V2__references.sql");
    String org = Ids.next(Kind.ORGANIZATION);
    List<String> texts = List.of("2026-03-01 00:00:00.123456+00:00", "2026-03-01 00:00:01+00:00",
        "2026-03-01 00:00:02.5+00:00");
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      for (int v = 1; v <= texts.size(); v++) {
        st.execute("INSERT INTO api_resource_versions (id, kind, resource_id, org,"
            + " resource_version, event, snapshot, actor, created_at) VALUES ('"
            + Ids.next(Kind.API_RESOURCE_VERSION) + "', 'ORGANIZATION', '" + org + "', '" + org
            + "', " + v + ", '" + (v == 1 ? "CREATED" : "UPDATED") + "', '{}', 'system', '"
            + texts.get(v - 1) + "')");
      }
    }
    try (AgentStore store = AgentStore.builder().uri("local:" + location).open()) {
      assertThat(store.history().list(org)).extracting(ResourceVersion::createdAt)
          .containsExactly(Instant.parse("2026-03-01T00:00:00.123456Z"),
              Instant.parse("2026-03-01T00:00:01Z"), Instant.parse("2026-03-01T00:00:02.5Z"));
      assertThat(store.history().prune(Instant.parse("2026-03-01T00:00:01.5Z")))
          .as("the two older entries, now comparable with the cutoff").isEqualTo(2);
    }
    try (Connection c = source.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT typeof(created_at), created_at"
            + " FROM api_resource_versions")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("integer");
      assertThat(rs.getLong(2)).isEqualTo(1_772_323_202_500_000L);
    }
  }

  /**
   * Migration 2 on a store written by V1: the environments V1 instances list get their checked
   * join rows (so such an environment cannot be deleted afterwards), and a store whose V1 rows
   * already break a reference is refused rather than half-migrated.
   */
  @Test
  void migration2BackfillsListReferencesAndRefusesDanglingOnes() throws Exception {
    String org = Ids.next(Kind.ORGANIZATION);
    String env = Ids.next(Kind.ENVIRONMENT);
    String agent = Ids.next(Kind.AGENT);
    String ok = v1Store("ok", org, env, agent, env);
    try (AgentStore store = AgentStore.builder().uri("local:" + dir.resolve(ok)).open()) {
      assertThatThrownBy(() -> store.environments().delete(env))
          .isInstanceOf(FailedPreconditionException.class).hasMessageContaining(env);
      assertThat(store.environments().get(env)).isPresent();
    }
    String dangling = v1Store("dangling", org, env, agent, Ids.next(Kind.ENVIRONMENT));
    assertThatThrownBy(() -> AgentStore.builder().uri("local:" + dir.resolve(dangling)).open())
        .isInstanceOf(AgentStoreException.class);
  }

  /**
   * Migration 3 on a store written by V2: the phase column keeps its values and accepts WAITING,
   * and the store computes the indexed-field keys of the old rows when it opens, so filters and
   * orders on them see those rows.
   */
  @Test
  void migration3KeepsPhasesAndComputesTheKeysOfOldRows() throws Exception {
    Path store = dir.resolve("v2-store");
    String org = Ids.next(Kind.ORGANIZATION);
    SQLiteDataSource source = v2StoreWithOrg(store, org);
    String cheap = Ids.next(Kind.AGENT_EXECUTION);
    String dear = Ids.next(Kind.AGENT_EXECUTION);
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      st.execute(v2Execution(cheap, org, "0.1", "2024-01-01T00:00:00Z"));
      st.execute(v2Execution(dear, org, "0.30000000000000004", "2024-01-01T00:00:00.5Z"));
    }
    try (AgentStore s = AgentStore.builder().uri("local:" + store).open()) {
      assertThat(s.agentExecutions().phase(dear)).contains(ExecutionPhase.IN_PROGRESS);
      assertThat(s.agentExecutions().list(Query.builder().org(org).where("status.usage.costUsd")
          .greaterThan(new BigDecimal("0.3")).build()).items()).extracting(AgentExecution::id)
          .containsExactly(dear);
      assertThat(s.agentExecutions().list(Query.builder().org(org)
          .orderBy("status.startedAt", true).build()).items()).extracting(AgentExecution::id)
          .containsExactly(dear, cheap);
      assertThat(s.agentExecutions().transition(dear, ExecutionPhase.WAITING).status().phase())
          .isEqualTo(ExecutionPhase.WAITING);
    }
    assertNoExecutionHasStaleKeys(source);
  }

  /**
   * A row whose keys are older than the store's (keys_version 0 and the absent key, as a writer
   * of an older version leaves them) is written in full by a status write, keys and keys
   * version included, although its indexed fields did not change: a status write sets only the
   * changed columns, and a row with stale keys must not keep them.
   */
  @Test
  void aStatusWriteRewritesTheKeysOfARowWhoseKeysAreStale() throws Exception {
    Path store = dir.resolve("stale-keys");
    String org = Ids.next(Kind.ORGANIZATION);
    SQLiteDataSource source = v2StoreWithOrg(store, org);
    String run = Ids.next(Kind.AGENT_EXECUTION);
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      st.execute(v2Execution(run, org, "0.1", "2024-01-01T00:00:00Z"));
    }
    Query started = Query.builder().org(org).where("status.startedAt")
        .greaterThan(Instant.parse("2023-12-31T00:00:00Z")).build();
    try (AgentStore s = AgentStore.builder().uri("local:" + store).open()) {
      assertThat(s.agentExecutions().list(started).items()).extracting(AgentExecution::id)
          .containsExactly(run);
      try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
        assertThat(st.executeUpdate("UPDATE agent_executions SET keys_version = 0,"
            + " ix_started_at = '~' WHERE id = '" + run + "'")).isEqualTo(1);
      }
      assertThat(s.agentExecutions().list(started).items()).isEmpty();
      assertThat(s.agentExecutions().transition(run, ExecutionPhase.WAITING).status().phase())
          .isEqualTo(ExecutionPhase.WAITING);
      assertThat(s.agentExecutions().list(started).items()).extracting(AgentExecution::id)
          .containsExactly(run);
    }
    assertNoExecutionHasStaleKeys(source);
  }

  /** A store migrated by V1 and V2 only, holding the organization {@code org}. */
  private SQLiteDataSource v2StoreWithOrg(Path store, String org) throws Exception {
    SQLiteDataSource source = storeMigratedBy(store, "V1__schema.sql", "V2__references.sql");
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      st.execute(V1Rows.insert("organizations", org, org, "{}", "",
          "" + System.currentTimeMillis() * 1000));
    }
    return source;
  }

  private static void assertNoExecutionHasStaleKeys(SQLiteDataSource source) throws SQLException {
    try (Connection c = source.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM agent_executions"
            + " WHERE keys_version = 0")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  /**
   * Migration 7 on a store written by V6 with items: every item row gets its execution's org and
   * the ItemField keys (the same keys the store writes, computed in SQL), so queries across
   * executions see the old items through the new indexes.
   */
  @Test
  void migration7BackfillsTheOrgAndKeysOfExistingItems() throws Exception {
    Path store = dir.resolve("v6-store");
    SQLiteDataSource source = storeMigratedBy(store, "V1__schema.sql", "V2__references.sql",
        "V3__waiting_and_indexed_fields.sql", "V4__history_times_as_micros.sql",
        "V5__leases.sql", "V6__declared_kinds.sql");
    String org = Ids.next(Kind.ORGANIZATION);
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      V6Items.seed(st, org, Ids.next(Kind.AGENT_EXECUTION), "" + System.currentTimeMillis() * 1000);
    }
    try (AgentStore s = AgentStore.builder().uri("local:" + store).open()) {
      var calls = s.forOrg(org).agentExecutions().toolCallsAcross();
      assertThat(calls.list(ExecutionItemQuery.builder().where("status", "FAILED")
          .since(Instant.parse(V6Items.TIMES.get(1))).build()).items())
          .extracting(ExecutionItem::key).containsExactly("c1");
      assertThat(calls.count(ExecutionItemQuery.builder().where("name", V6Items.LONG_NAME)
          .build())).isEqualTo(1);
      assertThat(s.forOrg(org).agentExecutions().messagesAcross().count(ExecutionItemQuery
          .builder().where("type", "AI").until(Instant.parse(V6Items.TIMES.get(1))).build()))
          .isEqualTo(1);
    }
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      assertThat(V6Items.keys(st)).isEqualTo(V6Items.expected(org));
    }
  }

  private static String v2Execution(String id, String org, String cost, String started) {
    String now = "" + System.currentTimeMillis() * 1000;
    return "INSERT INTO agent_executions (id, org, slug, name, version, labels, metadata, spec,"
        + " status, phase, created_at, updated_at, created_by, updated_by) VALUES ('" + id
        + "', '" + org + "', '" + id + "', 'n', 2, '{}', '{\"ownerScope\":\"ORGANIZATION\","
        + "\"annotations\":{},\"tags\":[]}', '{\"message\":\"hi\"}', '{\"phase\":"
        + "\"IN_PROGRESS\",\"startedAt\":\"" + started + "\",\"usage\":{\"costUsd\":" + cost
        + "}}', 'IN_PROGRESS', " + now + ", " + now + ", 'system', 'system')";
  }

  /** A new store at {@code location} migrated by exactly these of the module's scripts. */
  private SQLiteDataSource storeMigratedBy(Path location, String... scripts)
      throws SQLException, IOException {
    Path folder = Files.createTempDirectory(dir, "scripts-");
    for (String script : scripts) {
      try (InputStream in = LocalSchemaTest.class.getResourceAsStream(
          "/db/migration/sqlite/" + script)) {
        Files.copy(in, folder.resolve(script));
      }
    }
    Files.createDirectories(location);
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + location.resolve(LocalBackendFactory.DATABASE_FILE));
    String version = scripts[scripts.length - 1].replaceAll("^V(\\d+)__.*", "$1");
    SqlBackendWiring.migrate(source, "a V" + version + " store", new SqlBackendWiring.Migrations(
        getClass().getClassLoader(), "filesystem:" + folder, version),
        SqlBackendWiring.MigrationLock.ALREADY_HELD);
    return source;
  }

  /** A store at schema version 1 holding an org, an environment, an agent and an instance. */
  private String v1Store(String name, String org, String env, String agent,
      String listed) throws SQLException, IOException {
    SQLiteDataSource source = storeMigratedBy(dir.resolve(name), "V1__schema.sql");
    try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
      V1Rows.seedReferences(st, org, env, agent, listed, "" + System.currentTimeMillis() * 1000);
    }
    return name;
  }
}
