package dev.agentstore.local.internal;

import dev.agentstore.spi.SortKeys;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * The application functions every SQLite connection of the local backend has:
 * {@value #DECIMAL_EQUALS}{@code (a, b)}, which is 1 when the two texts are JSON numbers with
 * the same exact decimal value ({@code 1.5} and {@code 1.50}, {@code 1e400} and {@code 1E+400})
 * and 0 otherwise (a NULL or non-number argument included); {@value #DECIMAL_COMPARE}{@code (a,
 * b)}, -1, 0 or 1 as the exact decimal a is below, equal to or above b (NULL when either is not
 * a number); {@value #DECIMAL_KEY}{@code (a)} and {@value #INSTANT_KEY}{@code (a)}, the
 * order-preserving keys of {@code SortKeys} (NULL when a is not a number / timestamp). SQLite
 * itself only compares JSON numbers as doubles; see SqliteDialect's number filters. No index or
 * schema object uses them, so the database stays readable by any SQLite tool.
 *
 * <p>Usage: {@code SqliteFunctions.install(connection)} (on every new connection, before use)
 */
public final class SqliteFunctions {
  /** The name of the exact decimal comparison. */
  public static final String DECIMAL_EQUALS = "agentstore_decimal_eq";
  /** The name of the exact decimal three-way comparison. */
  public static final String DECIMAL_COMPARE = "agentstore_decimal_cmp";
  /** The name of the decimal sort key. */
  public static final String DECIMAL_KEY = "agentstore_decimal_key";
  /** The name of the timestamp sort key. */
  public static final String INSTANT_KEY = "agentstore_instant_key";

  private SqliteFunctions() {}

  /** Registers the functions on {@code c}, a connection of sqlite-jdbc. */
  public static void install(Connection c) throws SQLException {
    Function.create(c, DECIMAL_EQUALS, new DecimalEquals(), 2, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_COMPARE, new DecimalCompare(), 2, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_KEY, new DecimalKey(), 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, INSTANT_KEY, new InstantKey(), 1, Function.FLAG_DETERMINISTIC);
  }

  private static BigDecimal decimal(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code agentstore_decimal_cmp(a, b)}: the sign of a - b, exactly; NULL for non-numbers. */
  private static final class DecimalCompare extends Function {
    @Override
    protected void xFunc() throws SQLException {
      BigDecimal a = decimal(value_text(0));
      BigDecimal b = decimal(value_text(1));
      if (a == null || b == null) {
        result();
      } else {
        result(Integer.signum(a.compareTo(b)));
      }
    }
  }

  /** {@code agentstore_decimal_key(a)}: SortKeys.decimal of a number text; NULL otherwise. */
  private static final class DecimalKey extends Function {
    @Override
    protected void xFunc() throws SQLException {
      BigDecimal a = decimal(value_text(0));
      if (a == null) {
        result();
      } else {
        result(SortKeys.decimal(a));
      }
    }
  }

  /** {@code agentstore_instant_key(a)}: SortKeys.instant of a timestamp text; NULL otherwise. */
  private static final class InstantKey extends Function {
    @Override
    protected void xFunc() throws SQLException {
      String k = SortKeys.instant(value_text(0));
      if (k == null) {
        result();
      } else {
        result(k);
      }
    }
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
