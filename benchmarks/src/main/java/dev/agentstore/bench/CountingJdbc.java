package dev.agentstore.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The one JDBC counting wrapper every implementation of the comparison runs through (agentstore,
 * minimal JDBC and Hibernate alike), so their counts are comparable. A {@link Counter} counts
 * <em>statements</em> (SQL statements other than transaction control: each execute, and each
 * entry of a batch) and <em>round trips</em> (each JDBC call that reaches the database: every
 * execute, a whole batch once, every {@code commit()} / {@code rollback()} and every
 * transaction-control statement such as {@code BEGIN IMMEDIATE} or {@code COMMIT}).
 * {@code setAutoCommit(false)} is not counted: pgjdbc sends its BEGIN with the next statement,
 * sqlite-jdbc runs it in-process. On SQLite every "round trip" is a call into the in-process
 * engine, not a network hop.
 *
 * <p>Usage: {@code CountingJdbc.Counter n = new CountingJdbc.Counter(); DataSource ds = CountingJdbc.wrap(pool, n);}
 */
final class CountingJdbc {
  private CountingJdbc() {}

  /** Counts of one implementation; single-threaded use. */
  public static final class Counter {
    private long statements;
    private long roundTrips;
    private List<String> log;

    /** Statements so far (transaction control excluded). */
    public long statements() {
      return statements;
    }

    /** Round trips so far (transaction control included). */
    public long roundTrips() {
      return roundTrips;
    }

    /** Starts recording the SQL text of every round trip (cleared). */
    public void startLog() {
      log = new ArrayList<>();
    }

    /** Stops recording; the texts recorded since {@link #startLog}. */
    public List<String> stopLog() {
      List<String> out = log == null ? List.of() : log;
      log = null;
      return out;
    }

    void sql(String sql, int statementsInCall) {
      roundTrips++;
      if (isTransactionControl(sql)) {
        note("[tx] " + sql);
      } else {
        statements += statementsInCall;
        note(statementsInCall > 1 ? "[batch x" + statementsInCall + "] " + sql : sql);
      }
    }

    void txCall(String what) {
      roundTrips++;
      note("[tx] " + what);
    }

    private void note(String s) {
      if (log != null) {
        log.add(s.replaceAll("\\s+", " ").trim());
      }
    }
  }

  /** Whether {@code sql} is BEGIN / COMMIT / ROLLBACK / SAVEPOINT / RELEASE / SET. */
  static boolean isTransactionControl(String sql) {
    String s = sql.stripLeading().toLowerCase(Locale.ROOT);
    return s.startsWith("begin") || s.startsWith("commit") || s.startsWith("rollback")
        || s.startsWith("savepoint") || s.startsWith("release") || s.startsWith("set ")
        || s.startsWith("start transaction") || s.startsWith("end");
  }

  /** A data source whose connections count into {@code counter}. */
  public static DataSource wrap(DataSource source, Counter counter) {
    return (DataSource) Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
          Object r = invoke(source, m, args);
          return r instanceof Connection c ? wrap(c, counter) : r;
        });
  }

  /** A connection that counts into {@code counter}. */
  public static Connection wrap(Connection c, Counter counter) {
    return (Connection) Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new ConnectionHandler(c, counter));
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private record ConnectionHandler(Connection c, Counter counter) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String name = m.getName();
      switch (name) {
        case "commit", "rollback" -> counter.txCall(name);
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        default -> { }
      }
      Object r = CountingJdbc.invoke(c, m, args);
      if (r instanceof CallableStatement || r instanceof PreparedStatement) {
        return statement(r, String.valueOf(args[0]), counter);
      }
      if (r instanceof Statement) {
        return statement(r, null, counter);
      }
      return r;
    }
  }

  private static Object statement(Object st, String sql, Counter counter) {
    Class<?> type = st instanceof CallableStatement ? CallableStatement.class
        : st instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    int[] batch = {0};
    List<String> batchSql = new ArrayList<>();
    return Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(), new Class<?>[] {type},
        (proxy, m, args) -> {
          String name = m.getName();
          if (name.equals("addBatch")) {
            batch[0]++;
            if (args != null && args.length == 1) {
              batchSql.add((String) args[0]);
            }
          } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
            counter.sql(sql != null ? sql : String.join("; ", batchSql), Math.max(1, batch[0]));
            batch[0] = 0;
            batchSql.clear();
          } else if (name.startsWith("execute")) {
            counter.sql(args != null && args.length > 0 && args[0] instanceof String s ? s
                : sql, 1);
          } else if (name.equals("clearBatch")) {
            batch[0] = 0;
            batchSql.clear();
          }
          return invoke(st, m, args);
        });
  }
}
