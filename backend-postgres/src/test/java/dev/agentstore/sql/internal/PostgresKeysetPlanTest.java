package dev.agentstore.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.postgres.PostgresDialect;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.spi.StoredQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The keyset page query, as the shared SQL code renders it, is a range scan that starts at the
 * cursor on PostgreSQL: the cursor is an index condition, not a filter over every earlier row
 * (which made deep pages of a large table cost seconds).
 */
class PostgresKeysetPlanTest {

  @Test
  void aPageStartsAtTheCursorInTheIndex() throws SQLException {
    String url = PostgresStores.newDatabase();
    AgentStore.builder().uri(url).open().close(); // migrated
    PostgresDialect dialect = new PostgresDialect();
    ResourceTable agents = new SqlSchema(dialect.schema()).resource(Kind.AGENT);
    for (boolean descending : new boolean[] {false, true}) {
      StoredQuery q = StoredQuery.builder(51).org("org-01jbt3x5k0000000000000000")
          .orderBy(Query.OrderBy.CREATED_AT, descending)
          .after(new StoredQuery.Cursor(Instant.parse("2026-01-01T00:00:00Z"),
              "agt-01jbt3x5k0000000000000000")).build();
      DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
      String sql = ctx.selectFrom(agents.table)
          .where(QueryConditions.all(QueryConditions.page(agents, q, dialect)))
          .orderBy(QueryConditions.order(agents, q, dialect)).limit(q.limit())
          .getSQL(ParamType.INLINED);
      String plan = explain(url, sql);
      assertThat(plan).as(plan).contains("Index Cond").containsPattern(
          "Index Cond: \\(.*created_at [<>]= .*ROW\\(created_at");
    }
  }

  /**
   * An order by an indexed execution field, with a range on it, is an index range scan of that
   * field's (org, key, id) index starting at the cursor: what {@code explain} reports as indexed
   * is what PostgreSQL runs.
   */
  @Test
  void anIndexedFieldIsServedByItsIndex() throws SQLException {
    String url = PostgresStores.newDatabase();
    AgentStore.builder().uri(url).open().close(); // migrated
    PostgresDialect dialect = new PostgresDialect();
    ResourceTable runs = new SqlSchema(dialect.schema()).resource(Kind.AGENT_EXECUTION);
    StoredQuery q = StoredQuery.builder(51).org("org-01jbt3x5k0000000000000000")
        .jsonFilters(java.util.List.of(new Query.JsonFilter(
            dev.agentstore.JsonPath.parse("status.usage.costUsd"),
            Query.JsonOperator.GREATER_THAN, com.fasterxml.jackson.databind.node.JsonNodeFactory
            .withExactBigDecimals(true).numberNode(new java.math.BigDecimal("0.10")))))
        .orderByPath(dev.agentstore.JsonPath.parse("status.usage.costUsd"))
        .after(new StoredQuery.Cursor(null, "aex-01jbt3x5k0000000000000000",
            com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true)
                .numberNode(new java.math.BigDecimal("0.5")))).build();
    String sql = DSL.using(SQLDialect.POSTGRES).selectFrom(runs.table)
        .where(QueryConditions.all(QueryConditions.page(runs, q, dialect)))
        .orderBy(QueryConditions.order(runs, q, dialect)).limit(q.limit())
        .getSQL(ParamType.INLINED);
    String plan = explain(url, sql);
    assertThat(plan).as(plan).contains("agent_executions_org_usage_cost_usd_idx")
        .containsPattern("Index Cond: \\(.*ix_usage_cost_usd");
  }

  /** The plan with sequential scans and sorts priced out, as on a table too big to sort. */
  private static String explain(String url, String sql) throws SQLException {
    try (Connection c = PostgresStores.connect(url); Statement st = c.createStatement()) {
      st.execute("set enable_seqscan = off");
      st.execute("set enable_sort = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = st.executeQuery("explain " + sql)) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }
}
