package dev.agentstore.local.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections keep the statements they prepared. sqlite-jdbc parses and
 * plans every {@code prepareStatement} afresh (PostgreSQL's driver keeps server-side statements
 * itself), and for the store's short statements that planning was the larger part of a call:
 * about 40% of a {@code get}. The store uses a few dozen statement texts, so each pooled
 * connection keeps the idle statements of the texts it used last and hands one back, its
 * parameters cleared, when the same text is prepared again.
 *
 * <p>A statement returns to its connection's cache when it is closed: its open result set is
 * closed first, which resets the SQLite statement, so a cached statement never holds a read
 * snapshot or a lock. One whose statement-level settings were changed (fetch size, timeouts,
 * maximum rows and the like) is closed for real instead, so that no setting carries over to the
 * next caller. Only the one-argument {@code prepareStatement(String)} is cached.
 *
 * <p>Usage: {@code DataSource pooled = new StatementCachingDataSource(sqliteSource, 128);}
 */
final class StatementCachingDataSource implements DataSource {
  /** Statement-level settings: a statement that had one is not reused. */
  private static final Set<String> SETTINGS = Set.of("setMaxRows", "setLargeMaxRows",
      "setFetchSize", "setFetchDirection", "setQueryTimeout", "setEscapeProcessing",
      "setCursorName", "setPoolable", "closeOnCompletion");

  private final DataSource target;
  private final int perConnection;

  /** Wraps {@code target}; each connection keeps at most {@code perConnection} idle statements. */
  StatementCachingDataSource(DataSource target, int perConnection) {
    if (perConnection < 1) {
      throw new IllegalArgumentException("perConnection must be >= 1, got " + perConnection);
    }
    this.target = target;
    this.perConnection = perConnection;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return CachingConnection.wrap(target.getConnection(), perConnection);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return CachingConnection.wrap(target.getConnection(user, password), perConnection);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  /** What {@link #objectOrWrapper} returns for a method the proxy does not answer itself. */
  private static final Object NOT_OWN = new Object();

  /**
   * The proxy {@code self}'s own answer to an {@link Object} method (identity, not the
   * target's) or to {@code unwrap} / {@code isWrapperFor} (itself, else the target's); {@link
   * #NOT_OWN} for every other method.
   */
  private static Object objectOrWrapper(Object self, Method m, Object[] args, Object target)
      throws Throwable {
    switch (m.getName()) {
      case "equals":
        return self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      case "toString":
        return "StatementCaching(" + target + ")";
      case "unwrap":
        return ((Class<?>) args[0]).isInstance(self) ? self : call(m, target, args);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self) || (Boolean) call(m, target, args);
      default:
        return NOT_OWN;
    }
  }

  /** Calls {@code m} on {@code on}, throwing what it threw rather than a reflection wrapper. */
  private static Object call(Method m, Object on, Object[] args) throws Throwable {
    try {
      return m.invoke(on, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One physical connection and the idle statements it keeps, most recently used last. */
  private static final class CachingConnection implements InvocationHandler {
    private final Connection target;
    private final int capacity;
    private final LinkedHashMap<String, ArrayDeque<CachedStatement>> idle =
        new LinkedHashMap<>(16, 0.75f, true);
    private int idleCount;
    private boolean closed;
    private Connection proxy;

    private CachingConnection(Connection target, int capacity) {
      this.target = target;
      this.capacity = capacity;
    }

    static Connection wrap(Connection target, int capacity) {
      CachingConnection h = new CachingConnection(target, capacity);
      h.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, h);
      return h.proxy;
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "prepareStatement":
          if (args.length == 1) {
            return checkOut((String) args[0]);
          }
          return call(m, target, args);
        case "close":
          closeIdle();
          return call(m, target, args);
        default:
          Object own = objectOrWrapper(self, m, args, target);
          return own != NOT_OWN ? own : call(m, target, args);
      }
    }

    private PreparedStatement checkOut(String sql) throws SQLException {
      CachedStatement s = null;
      synchronized (this) {
        ArrayDeque<CachedStatement> q = idle.get(sql);
        if (q != null) {
          s = q.pollLast();
          if (q.isEmpty()) {
            idle.remove(sql);
          }
          if (s != null) {
            idleCount--;
          }
        }
      }
      if (s == null) {
        s = new CachedStatement(this, sql, target.prepareStatement(sql));
      }
      s.inUse = true;
      return s.proxy;
    }

    /** Takes {@code s} back when it may be reused and there is room; closes it otherwise. */
    void giveBack(CachedStatement s, boolean reusable) {
      synchronized (this) {
        if (reusable && !closed) {
          idle.computeIfAbsent(s.sql, k -> new ArrayDeque<>(2)).addLast(s);
          idleCount++;
          trim();
          return;
        }
      }
      closeQuietly(s);
    }

    /** Closes the least recently used texts' statements until the cache fits. */
    private void trim() {
      Iterator<Map.Entry<String, ArrayDeque<CachedStatement>>> it = idle.entrySet().iterator();
      while (idleCount > capacity && it.hasNext()) {
        ArrayDeque<CachedStatement> q = it.next().getValue();
        it.remove();
        idleCount -= q.size();
        q.forEach(CachingConnection::closeQuietly);
      }
    }

    private void closeIdle() {
      synchronized (this) {
        closed = true;
        idle.values().forEach(q -> q.forEach(CachingConnection::closeQuietly));
        idle.clear();
        idleCount = 0;
      }
    }

    private static void closeQuietly(CachedStatement s) {
      try {
        s.target.close();
      } catch (SQLException e) {
        // Its connection is closing or gone; SQLite finalizes the statement with it.
      }
    }
  }

  /** A cached statement as its caller sees it: closing it returns it to the connection. */
  private static final class CachedStatement implements InvocationHandler {
    final CachingConnection owner;
    final String sql;
    final PreparedStatement target;
    final PreparedStatement proxy;
    boolean inUse;
    private boolean changed;
    private boolean batched;
    private ResultSet lastResult;

    CachedStatement(CachingConnection owner, String sql, PreparedStatement target) {
      this.owner = owner;
      this.sql = sql;
      this.target = target;
      this.proxy = (PreparedStatement) Proxy.newProxyInstance(
          PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
          this);
    }

    @Override
    public Object invoke(Object self, Method m, Object[] args) throws Throwable {
      String name = m.getName();
      switch (name) {
        case "close":
          release();
          return null;
        case "isClosed":
          return !inUse;
        default:
          break;
      }
      Object own = objectOrWrapper(self, m, args, target);
      if (own != NOT_OWN) {
        return own;
      }
      if (!inUse) {
        throw new SQLException("the statement is closed");
      }
      switch (name) {
        case "getConnection":
          return owner.proxy;
        case "executeQuery":
        case "getResultSet": {
          Object rs = call(m, target, args);
          lastResult = (ResultSet) rs;
          return rs;
        }
        case "addBatch":
          if (args == null) {
            batched = true;
          } else {
            changed = true; // a batch of SQL texts, not of this statement's parameters
          }
          return call(m, target, args);
        default:
          if (SETTINGS.contains(name)) {
            changed = true;
          }
          return call(m, target, args);
      }
    }

    /** Resets the statement (its result set closed, parameters and batch cleared), then hands it back. */
    private void release() {
      if (!inUse) {
        return;
      }
      inUse = false;
      boolean reusable = !changed;
      try {
        if (lastResult != null && !lastResult.isClosed()) {
          lastResult.close(); // resets the SQLite statement: no snapshot or lock is kept
        }
        target.clearParameters();
        if (batched) {
          target.clearBatch();
        }
      } catch (SQLException e) {
        reusable = false;
      }
      lastResult = null;
      batched = false;
      owner.giveBack(this, reusable);
    }
  }
}
