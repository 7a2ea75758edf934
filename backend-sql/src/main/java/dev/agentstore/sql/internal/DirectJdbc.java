package dev.agentstore.sql.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record;

/**
 * Runs a cached statement text ({@link StatementCache}) straight over the transaction's JDBC
 * connection. Each bind value goes through its column's converter and is set by the database
 * type the converter produces; each result column is read by that type and converted back, so
 * values are what jOOQ's own bindings give. Once the texts were cached, jOOQ's per-execution
 * pipeline (plain-SQL template parsing, execute listeners, bindings, record building) was still
 * the largest share of a get's CPU (REPORT.md, issue 17); the hot statements skip it.
 *
 * <p>Only the database types the generated models use are handled: text, BIGINT and INTEGER on
 * both backends, and PostgreSQL's JSONB and TIMESTAMPTZ (as {@link Instant}; SQLite keeps times
 * as epoch microseconds in a BIGINT). Another type is an {@link IllegalStateException} that
 * names it, so a new column type cannot be bound wrongly in silence: add its branch with it.
 *
 * <p>Usage: {@code direct.updateRows(sql, columns, List.of(values)); direct.query(sql, binds, t.columns)}
 */
final class DirectJdbc {
  private final DSLContext ctx;

  DirectJdbc(DSLContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Executes an INSERT, UPDATE or DELETE text whose placeholders take, row after row, each
   * row's values for {@code columns} (one row for a single statement, several for a multi-row
   * INSERT); no {@link Param} is built per value.
   */
  int updateRows(String sql, List<? extends Field<?>> columns, List<? extends List<?>> rows) {
    return updateRows(sql, List.of(), columns, rows);
  }

  /**
   * {@link #updateRows(String, List, List)} for a text whose first placeholders take
   * {@code leading}'s values, before the rows'.
   */
  int updateRows(String sql, List<Param<?>> leading, List<? extends Field<?>> columns,
      List<? extends List<?>> rows) {
    return ctx.connectionResult(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindRows(ps, leading, columns, rows);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * {@link #updateRows(String, List, List, List)} for a text with a {@code RETURNING} clause:
   * the rows it returns, whose columns are {@code returned}.
   */
  List<Row> updateRowsReturning(String sql, List<Param<?>> leading,
      List<? extends Field<?>> columns, List<? extends List<?>> rows, Field<?>[] returned) {
    return ctx.connectionResult(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bindRows(ps, leading, columns, rows);
        try (ResultSet rs = ps.executeQuery()) {
          return records(rs, returned);
        }
      }
    });
  }

  private static void bindRows(PreparedStatement ps, List<Param<?>> leading,
      List<? extends Field<?>> columns, List<? extends List<?>> rows) throws SQLException {
    bind(ps, leading);
    int index = leading.size() + 1;
    for (List<?> row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        bind(ps, index++, columns.get(i).getDataType(), row.get(i));
      }
    }
  }

  /**
   * Executes an INSERT or UPDATE text whose placeholders take {@code values}' values in its
   * order, typed by their columns (the map a cached text was rendered from).
   */
  int update(String sql, Map<Field<?>, Object> values) {
    return updateRows(sql, new ArrayList<>(values.keySet()),
        List.of(new ArrayList<>(values.values())));
  }

  /** Executes a query text whose result columns are {@code columns}, in that order. */
  List<Row> query(String sql, List<Param<?>> binds, Field<?>[] columns) {
    return ctx.connectionResult(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, binds);
        try (ResultSet rs = ps.executeQuery()) {
          return records(rs, columns);
        }
      }
    });
  }

  /** The rows of {@code rs}, whose columns are {@code columns}. */
  private static List<Row> records(ResultSet rs, Field<?>[] columns) throws SQLException {
    List<Row> out = new ArrayList<>();
    while (rs.next()) {
      Object[] values = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        values[i] = read(rs, i + 1, columns[i]);
      }
      out.add(new Row(columns, values));
    }
    return out;
  }

  /** A row's values by column: a jOOQ {@link Record} ({@code record::get}) or a {@link Row}. */
  interface Values {
    /** The value of {@code column}, in its user type. */
    <T> T get(Field<T> column);
  }

  /**
   * One row of a direct query, its values already in their columns' user types: a plain array
   * rather than a jOOQ record, whose construction (a field list per record, each value
   * converted again) was a sixth of a get's CPU.
   */
  static final class Row implements Values {
    private final Field<?>[] columns;
    private final Object[] values;

    private Row(Field<?>[] columns, Object[] values) {
      this.columns = columns;
      this.values = values;
    }

    /** The value of one of the query's columns (the same Field it was read with). */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Field<T> column) {
      for (int i = 0; i < columns.length; i++) {
        if (columns[i] == column) {
          return (T) values[i];
        }
      }
      throw new IllegalArgumentException("the query read no column " + column.getName());
    }
  }

  private static void bind(PreparedStatement ps, List<Param<?>> binds) throws SQLException {
    for (int i = 0; i < binds.size(); i++) {
      bind(ps, i + 1, binds.get(i).getDataType(), binds.get(i).getValue());
    }
  }

  /** Binds one value of a column of type {@code type} (its user type) at {@code index}. */
  private static void bind(PreparedStatement ps, int index, DataType<?> type, Object value)
      throws SQLException {
    // convert: a value of another Java type than the column's (an Integer for a BIGINT) is
    // converted as jOOQ's DSL.val would, before the column's own converter.
    Object db = converter(type).to(type.convert(value));
    if (db == null) {
      ps.setNull(index, type.getSQLType());
    } else if (db instanceof String s) {
      ps.setString(index, s);
    } else if (db instanceof Long l) {
      ps.setLong(index, l);
    } else if (db instanceof Integer n) {
      ps.setInt(index, n);
    } else if (db instanceof JSONB j) {
      ps.setString(index, j.data()); // the text casts the placeholder to jsonb
    } else if (db instanceof Instant t) {
      ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    } else {
      throw new IllegalStateException("no direct binding for " + db.getClass().getName()
          + " (column type " + type.getTypeName() + ")");
    }
  }

  private static Object read(ResultSet rs, int index, Field<?> column) throws SQLException {
    Converter<Object, Object> conv = converter(column.getDataType());
    Class<?> type = conv.fromType();
    Object db;
    if (type == String.class) {
      db = rs.getString(index);
    } else if (type == Long.class) {
      long v = rs.getLong(index);
      db = rs.wasNull() ? null : v;
    } else if (type == Integer.class) {
      int v = rs.getInt(index);
      db = rs.wasNull() ? null : v;
    } else if (type == JSONB.class) {
      String s = rs.getString(index);
      db = s == null ? null : JSONB.jsonb(s);
    } else if (type == Instant.class) {
      OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
      db = t == null ? null : t.toInstant();
    } else {
      throw new IllegalStateException("no direct read for " + type.getName() + " (column "
          + column.getName() + ")");
    }
    return conv.from(db);
  }

  @SuppressWarnings("unchecked")
  private static Converter<Object, Object> converter(DataType<?> type) {
    return (Converter<Object, Object>) type.getConverter();
  }
}
