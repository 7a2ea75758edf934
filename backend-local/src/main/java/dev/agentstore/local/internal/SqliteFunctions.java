package dev.agentstore.local.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * The application functions every SQLite connection of the local backend has: today one,
 * {@value #DECIMAL_EQUALS}{@code (a, b)}, which is 1 when the two texts are JSON numbers with
 * the same exact decimal value ({@code 1.5} and {@code 1.50}, {@code 1e400} and {@code 1E+400})
 * and 0 otherwise (a NULL or non-number argument included). SQLite itself only compares JSON
 * numbers as doubles; see SqliteDialect's number filter.
 *
 * <p>Usage: {@code SqliteFunctions.install(connection)} (on every new connection, before use)
 */
public final class SqliteFunctions {
  /** The name of the exact decimal comparison. */
  public static final String DECIMAL_EQUALS = "agentstore_decimal_eq";

  private SqliteFunctions() {}

  /** Registers the functions on {@code c}, a connection of sqlite-jdbc. */
  public static void install(Connection c) throws SQLException {
    Function.create(c, DECIMAL_EQUALS, new DecimalEquals(), 2, Function.FLAG_DETERMINISTIC);
  }

  /** {@code agentstore_decimal_eq(a, b)}: exact decimal equality of two number texts. */
  private static final class DecimalEquals extends Function {
    @Override
    protected void xFunc() throws SQLException {
      String a = value_text(0);
      String b = value_text(1);
      result(a != null && b != null && equal(a, b) ? 1 : 0);
    }

    private static boolean equal(String a, String b) {
      try {
        return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }
}
