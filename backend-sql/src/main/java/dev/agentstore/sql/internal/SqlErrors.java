package dev.agentstore.sql.internal;

import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.UnavailableException;
import dev.agentstore.sql.DialectStrategy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Maps database failures to agentstore's errors, so no {@code SQLException} or jOOQ exception
 * crosses the API. The message says what the operation was; it never includes bound values
 * (which may hold sealed secrets or user data).
 *
 * <p>Usage: {@code throw errors.translate(e, "insert Agent agt-...")}
 */
public final class SqlErrors {
  private final DialectStrategy dialect;

  /** Errors classified by {@code dialect}. */
  public SqlErrors(DialectStrategy dialect) {
    this.dialect = dialect;
  }

  /** The agentstore error for a failure during {@code operation}. */
  public AgentStoreException translate(Throwable e, String operation) {
    if (e instanceof AgentStoreException a) {
      return a;
    }
    SQLException sql = sqlCause(e);
    if (sql == null) {
      return new AgentStoreException(operation + " failed: " + e.getClass().getSimpleName(), e);
    }
    if (sql instanceof SQLTransientConnectionException) {
      return new UnavailableException(operation + ": no database connection became available"
          + " in time", e);
    }
    DialectStrategy.ErrorKind kind = dialect.classify(sql);
    return switch (kind) {
      case UNIQUE -> new AlreadyExistsException(operation + ": already exists", e);
      case FOREIGN_KEY -> new FailedPreconditionException(operation
          + ": a referenced resource does not exist in the org, or resources still reference it",
          e);
      case CHECK -> new InvalidArgumentException(operation + ": a value breaks a constraint of"
          + " the schema", e);
      case UNAVAILABLE -> new UnavailableException(operation
          + ": the database is unavailable or busy; retry", e);
      case SERIALIZATION -> new TransactionConflictException(operation
          + ": the transaction conflicted with a concurrent one and was rolled back; retry it", e);
      default -> new AgentStoreException(operation + " failed (SQLState " + sql.getSQLState()
          + ")", e);
    };
  }

  /**
   * The first SQLException in the cause chain that carries a SQLState (the driver's own error;
   * jOOQ may wrap it in one without), else the first SQLException, or null.
   */
  public static SQLException sqlCause(Throwable e) {
    SQLException first = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if (s.getSQLState() != null) {
          return s;
        }
        first = first == null ? s : first;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return first;
  }
}
