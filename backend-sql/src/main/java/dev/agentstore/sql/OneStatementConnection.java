package dev.agentstore.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;

/**
 * A pooled connection in autocommit mode handed to {@link SqlBackend#readOneStatement} work: it
 * lets the work prepare one statement and refuses a second, which would run in a snapshot of
 * its own and so might not agree with the first. Everything else goes to the connection as
 * it is.
 *
 * <p>Usage: {@code Connection c = OneStatementConnection.wrap(pooled);}
 */
final class OneStatementConnection implements InvocationHandler {
  private static final Set<String> STATEMENTS = Set.of("prepareStatement", "createStatement",
      "prepareCall");

  private final Connection target;
  private int statements;

  private OneStatementConnection(Connection target) {
    this.target = target;
  }

  static Connection wrap(Connection target) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new OneStatementConnection(target));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (STATEMENTS.contains(method.getName()) && ++statements > 1) {
      throw new IllegalStateException("work run by readOneStatement issued a second statement,"
          + " which would not share the first one's snapshot: run it with read instead");
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
