package dev.agentstore.local.internal;

import dev.agentstore.spi.SortKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
  /** The name of the exact decimal sum (an aggregate). */
  public static final String DECIMAL_SUM = "agentstore_decimal_sum";
  /** The name of the exact decimal minimum (an aggregate). */
  public static final String DECIMAL_MIN = "agentstore_decimal_min";
  /** The name of the exact decimal maximum (an aggregate). */
  public static final String DECIMAL_MAX = "agentstore_decimal_max";
  /** The name of the average's sort key, {@code (sum, count)}. */
  public static final String AVERAGE_KEY = "agentstore_average_key";
  /** The decimal places of {@value #AVERAGE_KEY}'s quotient, as PostgreSQL's averageOrder. */
  static final int AVERAGE_SCALE = 60;

  private SqliteFunctions() {}

  /** Registers the functions on {@code c}, a connection of sqlite-jdbc. */
  public static void install(Connection c) throws SQLException {
    Function.create(c, DECIMAL_EQUALS, new DecimalEquals(), 2, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_COMPARE, new DecimalCompare(), 2, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_KEY, new DecimalKey(), 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, INSTANT_KEY, new InstantKey(), 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_SUM, new DecimalAggregate(0), 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_MIN, new DecimalAggregate(-1), 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, DECIMAL_MAX, new DecimalAggregate(1), 1, Function.FLAG_DETERMINISTIC);
    Function.create(c, AVERAGE_KEY, new AverageKey(), 2, Function.FLAG_DETERMINISTIC);
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

  /**
   * {@code agentstore_decimal_sum/min/max(a)}: the exact sum (mode 0), minimum (-1) or maximum
   * (1) of the number texts of a group, as decimal text; NULL when the group has no number
   * (NULL and non-number arguments are skipped). sqlite-jdbc clones the object for each group,
   * so the state is per group.
   */
  private static final class DecimalAggregate extends Function.Aggregate {
    private final int mode;
    private BigDecimal acc;

    DecimalAggregate(int mode) {
      this.mode = mode;
    }

    @Override
    protected void xStep() throws SQLException {
      BigDecimal v = decimal(value_text(0));
      if (v == null) {
        return;
      }
      if (acc == null) {
        acc = v;
      } else if (mode == 0) {
        acc = acc.add(v);
      } else if (Integer.signum(v.compareTo(acc)) == mode) {
        acc = v;
      }
    }

    @Override
    protected void xFinal() throws SQLException {
      if (acc == null) {
        result();
      } else {
        result(acc.toString());
      }
    }
  }

  /**
   * {@code agentstore_average_key(sum, count)}: SortKeys.decimal of sum / count to
   * {@value #AVERAGE_SCALE} decimal places, rounding half up; NULL without a sum or count.
   */
  private static final class AverageKey extends Function {
    @Override
    protected void xFunc() throws SQLException {
      BigDecimal sum = decimal(value_text(0));
      long count = value_long(1);
      if (sum == null || count <= 0) {
        result();
      } else {
        result(SortKeys.decimal(sum.divide(BigDecimal.valueOf(count), AVERAGE_SCALE,
            RoundingMode.HALF_UP)));
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
