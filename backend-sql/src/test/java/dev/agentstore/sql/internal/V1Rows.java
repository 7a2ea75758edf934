package dev.agentstore.sql.internal;

import dev.agentstore.Ids;
import dev.agentstore.Kind;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows written straight into a schema-version-1 database, for the migration tests of each SQL
 * backend: one INSERT statement per row, in the columns V1 had.
 *
 * <p>Usage: {@code V1Rows.seedReferences(st, org, env, agent, listedEnv, "now()");}
 */
public final class V1Rows {
  private V1Rows() {}

  /**
   * An org, an environment, an agent and an instance of it listing {@code listed} among its
   * environment references (which need not exist: V1 did not check), the rows the V2 reference
   * migration tests start from.
   */
  public static void seedReferences(Statement st, String org, String env, String agent,
      String listed, String nowSql) throws SQLException {
    st.execute(insert("organizations", org, org, "{}", "", nowSql));
    st.execute(insert("environments", env, org, "{\"data\":{}}", "", nowSql));
    st.execute(insert("agents", agent, org, "{}", "", nowSql));
    st.execute(insert("agent_instances", Ids.next(Kind.AGENT_INSTANCE), org,
        "{\"agentId\":\"" + agent + "\",\"environmentRefs\":[\"" + listed + "\"]}", agent,
        nowSql));
  }

  /**
   * An INSERT of a resource row of {@code table} in V1's columns.
   *
   * @param agentId the {@code agent_id} column's value, or empty for tables without one
   * @param nowSql the SQL expression of the current time in the dialect's timestamp column type
   */
  public static String insert(String table, String id, String org, String spec, String agentId,
      String nowSql) {
    return "INSERT INTO " + table + " (id, org, slug, name, version, labels, metadata, spec,"
        + " status, created_at, updated_at, created_by, updated_by"
        + (agentId.isEmpty() ? "" : ", agent_id") + ") VALUES ('" + id + "', '" + org + "', '"
        + id + "', 'n', 1, '{}', '{\"ownerScope\":\"ORGANIZATION\",\"annotations\":{},"
        + "\"tags\":[]}', '" + spec + "', '{}', " + nowSql + ", " + nowSql + ", 'system',"
        + " 'system'" + (agentId.isEmpty() ? "" : ", '" + agentId + "'") + ")";
  }
}
