package dev.agentstore.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.local.internal.jooq.DefaultSchema;
import dev.agentstore.sql.DialectStrategy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What SQLite does differently: JSON through {@code json_extract}/{@code json_type} with a bound
 * path, errors by SQLite result code, and write transactions opened with {@code BEGIN IMMEDIATE}
 * so concurrent writers queue on the busy timeout instead of failing at commit.
 *
 * <p>Usage: {@code new SqlBackend(new SqliteDialect(), readers, writer, caps, dir, files, pools)}
 */
public final class SqliteDialect implements DialectStrategy {

  @Override
  public SQLDialect dialect() {
    return SQLDialect.SQLITE;
  }

  @Override
  public Schema schema() {
    return DefaultSchema.DEFAULT_SCHEMA;
  }

  @Override
  public Field<String> labelValue(Field<String> labels, String key) {
    return DSL.field("json_extract({0}, {1})", String.class, labels, DSL.val(path(List.of(key))));
  }

  @Override
  public Condition jsonEquals(Field<String> doc, List<String> path, JsonNode value) {
    Field<String> p = DSL.val(path(path));
    Field<String> type = DSL.field("json_type({0}, {1})", String.class, doc, p);
    if (value.isTextual()) {
      return type.eq("text").and(DSL.field("json_extract({0}, {1})", String.class, doc, p)
          .eq(value.textValue()));
    }
    if (value.isNumber()) {
      BigDecimal n = value.decimalValue();
      Field<Object> extracted = DSL.field("json_extract({0}, {1})", Object.class, doc, p);
      Object bound = isLong(n) ? (Object) n.longValueExact() : (Object) n.doubleValue();
      return type.in("integer", "real").and(extracted.eq(DSL.inline(bound)));
    }
    if (value.isBoolean()) {
      return type.eq(value.booleanValue() ? "true" : "false");
    }
    return type.eq("null");
  }

  private static boolean isLong(BigDecimal n) {
    try {
      n.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** A SQLite JSON path with every segment quoted (segments never contain quotes). */
  private static String path(List<String> segments) {
    StringBuilder b = new StringBuilder("$");
    for (String s : segments) {
      b.append(".\"").append(s).append('"');
    }
    return b.toString();
  }

  @Override
  public ErrorKind classify(SQLException e) {
    if (!(e instanceof SQLiteException s)) {
      return ErrorKind.OTHER;
    }
    SQLiteErrorCode code = s.getResultCode();
    String name = code.name();
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
      return ErrorKind.UNIQUE;
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
      return ErrorKind.FOREIGN_KEY;
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER) {
      // SQLite runs ON DELETE RESTRICT as an internal trigger, so a blocked delete arrives as
      // SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY; its fixed message names the real cause.
      return constraintByMessage(s.getMessage());
    }
    if (name.startsWith("SQLITE_CONSTRAINT")) {
      return ErrorKind.CHECK;
    }
    if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")
        || name.startsWith("SQLITE_IOERR") || name.startsWith("SQLITE_CANTOPEN")
        || code == SQLiteErrorCode.SQLITE_FULL || code == SQLiteErrorCode.SQLITE_READONLY) {
      return ErrorKind.UNAVAILABLE;
    }
    return ErrorKind.OTHER;
  }

  /** The kind of a generic constraint error, from SQLite's fixed message wording. */
  private static ErrorKind constraintByMessage(String message) {
    String m = message == null ? "" : message;
    if (m.contains("FOREIGN KEY constraint failed")) {
      return ErrorKind.FOREIGN_KEY;
    }
    if (m.contains("UNIQUE constraint failed") || m.contains("PRIMARY KEY constraint failed")) {
      return ErrorKind.UNIQUE;
    }
    return ErrorKind.CHECK;
  }

  @Override
  public void begin(Connection c, boolean write) throws SQLException {
    exec(c, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  }

  @Override
  public void commit(Connection c) throws SQLException {
    exec(c, "COMMIT");
  }

  @Override
  public void rollback(Connection c) throws SQLException {
    // SQLite ends a transaction by itself on some errors; a ROLLBACK after that is harmless.
    try {
      exec(c, "ROLLBACK");
    } catch (SQLException e) {
      if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
        throw e;
      }
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
