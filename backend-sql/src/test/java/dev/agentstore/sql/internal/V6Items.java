package dev.agentstore.sql.internal;

import dev.agentstore.spi.SortKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution with items written straight into a schema-version-6 database (before the item
 * key columns of V7), for each SQL backend's V7 migration test: the rows, and the org and keys
 * the migration must give them (the Java encoding of {@code ItemField} / {@code SortKeys}).
 *
 * <p>Usage: {@code V6Items.seed(st, org, run, "now()"); assertThat(V6Items.keys(st)).isEqualTo(V6Items.expected(org));}
 */
public final class V6Items {
  /** The items' times: whole seconds, one fraction digit, nine. */
  public static final List<String> TIMES = List.of("2024-01-01T00:00:00Z",
      "2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00.123456789Z");
  /** A tool call name longer than the keyed length. */
  public static final String LONG_NAME = "n".repeat(300);

  private V6Items() {}

  /**
   * The org, an IN_PROGRESS agent execution {@code run} and its items: a FAILED tool call with
   * an error, a COMPLETED one with a long name, one with a number for a name and no timestamp,
   * and an AI message.
   */
  public static void seed(Statement st, String org, String run, String nowSql)
      throws SQLException {
    st.execute(V1Rows.insert("organizations", org, org, "{}", "", nowSql));
    st.execute("INSERT INTO agent_executions (id, org, slug, name, version, labels, metadata,"
        + " spec, status, phase, created_at, updated_at, created_by, updated_by) VALUES ('" + run
        + "', '" + org + "', '" + run + "', 'n', 2, '{}', '{\"ownerScope\":\"ORGANIZATION\","
        + "\"annotations\":{},\"tags\":[]}', '{\"message\":\"hi\"}', '{\"phase\":"
        + "\"IN_PROGRESS\"}', 'IN_PROGRESS', " + nowSql + ", " + nowSql + ", 'system', 'system')");
    st.execute(item(run, "toolCalls", 1, "c1", "{\"id\":\"c1\",\"name\":\"search\","
        + "\"status\":\"FAILED\",\"startedAt\":\"" + TIMES.get(1) + "\",\"error\":\"x\"}"));
    st.execute(item(run, "toolCalls", 2, "c2", "{\"id\":\"c2\",\"name\":\"" + LONG_NAME
        + "\",\"status\":\"COMPLETED\",\"startedAt\":\"" + TIMES.get(2) + "\"}"));
    st.execute(item(run, "toolCalls", 3, "c3", "{\"id\":\"c3\",\"name\":5,"
        + "\"startedAt\":\"not a time\"}"));
    st.execute(item(run, "messages", 1, null, "{\"type\":\"AI\",\"content\":\"hi\","
        + "\"timestamp\":\"" + TIMES.get(0) + "\"}"));
  }

  private static String item(String run, String collection, long seq, String key, String body) {
    return "INSERT INTO agent_execution_items (execution_id, collection, seq, item_key, body)"
        + " VALUES ('" + run + "', '" + collection + "', " + seq + ", "
        + (key == null ? "NULL" : "'" + key + "'") + ", '" + body + "')";
  }

  /** The org, time, name and status keys of the item rows, tool calls first, by sequence. */
  public static List<List<String>> keys(Statement st) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT org, ix_time, ix_name, ix_status FROM"
        + " agent_execution_items ORDER BY collection DESC, seq")) {
      while (rs.next()) {
        rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return rows;
  }

  /** What {@link #keys} must read after migration 7. */
  public static List<List<String>> expected(String org) {
    return List.of(
        List.of(org, SortKeys.instant(TIMES.get(1)), "ssearch", "sFAILED"),
        List.of(org, SortKeys.instant(TIMES.get(2)), "L", "sCOMPLETED"),
        List.of(org, SortKeys.ABSENT, SortKeys.ABSENT, SortKeys.ABSENT),
        List.of(org, SortKeys.instant(TIMES.get(0)), "sAI", SortKeys.ABSENT));
  }
}
