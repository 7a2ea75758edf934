package dev.agentstore.sql;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.UniqueKey;

/**
 * Compares the jOOQ model generated at build time with the schema a database really has after
 * its migrations ran: the same tables, the same columns with the same type family and
 * nullability, the same primary, unique and foreign keys. A dialect module's drift test fails
 * with the list this returns when the two disagree.
 *
 * <p>Usage: {@code List<String> d = SchemaDrift.compare(dialect.schema(), live, Set.of("flyway_schema_history"));}
 */
public final class SchemaDrift {
  private SchemaDrift() {}

  /**
   * The differences between {@code generated} and {@code live}, one readable line each; empty
   * when they agree. Tables named in {@code ignored} (e.g. Flyway's history) are skipped.
   */
  public static List<String> compare(Schema generated, Schema live, Set<String> ignored) {
    List<String> out = new ArrayList<>();
    Map<String, Table<?>> gen = tables(generated, ignored);
    Map<String, Table<?>> db = tables(live, ignored);
    for (String name : union(gen.keySet(), db.keySet())) {
      Table<?> g = gen.get(name);
      Table<?> d = db.get(name);
      if (g == null) {
        out.add("table " + name + ": in the database, not in the generated model");
      } else if (d == null) {
        out.add("table " + name + ": in the generated model, not in the database");
      } else {
        compareTable(name, g, d, out);
      }
    }
    return out;
  }

  private static void compareTable(String table, Table<?> g, Table<?> d, List<String> out) {
    Map<String, Field<?>> gf = fields(g);
    Map<String, Field<?>> df = fields(d);
    for (String col : union(gf.keySet(), df.keySet())) {
      Field<?> a = gf.get(col);
      Field<?> b = df.get(col);
      String where = "column " + table + "." + col;
      if (a == null || b == null) {
        out.add(where + ": only in the " + (a == null ? "database" : "generated model"));
        continue;
      }
      String fa = family(a.getDataType());
      String fb = family(b.getDataType());
      if (!fa.equals(fb)) {
        out.add(where + ": generated as " + fa + ", database has " + fb);
      }
      if (a.getDataType().nullable() != b.getDataType().nullable()) {
        out.add(where + ": generated " + nullability(a) + ", database " + nullability(b));
      }
    }
    same(table + " primary key", key(g.getPrimaryKey()), key(d.getPrimaryKey()), out);
    same(table + " unique keys", keys(g.getKeys()), keys(d.getKeys()), out);
    same(table + " foreign keys", foreignKeys(g), foreignKeys(d), out);
  }

  private static void same(String what, Object generated, Object database, List<String> out) {
    if (!generated.equals(database)) {
      out.add(what + ": generated " + generated + ", database " + database);
    }
  }

  /** A coarse, database-neutral type: what the shared SQL code relies on. */
  static String family(DataType<?> type) {
    DataType<?> t = type.getSQLDataType() == null ? type : type.getSQLDataType();
    if (t.isJSON()) {
      return "json";
    }
    if (t.isInteger()) {
      return "integer";
    }
    if (t.isString()) {
      return "text";
    }
    if (t.isTimestamp() || t.isDateTime()) {
      boolean zoned = t.getSQLType() == Types.TIMESTAMP_WITH_TIMEZONE
          || t.getType() == java.time.Instant.class
          || t.getType() == java.time.OffsetDateTime.class;
      return zoned ? "timestamp with time zone" : "timestamp";
    }
    return t.getTypeName().toLowerCase(Locale.ROOT);
  }

  private static String nullability(Field<?> f) {
    return f.getDataType().nullable() ? "nullable" : "NOT NULL";
  }

  private static Map<String, Table<?>> tables(Schema s, Set<String> ignored) {
    Map<String, Table<?>> m = new TreeMap<>();
    for (Table<?> t : s.getTables()) {
      String n = t.getName().toLowerCase(Locale.ROOT);
      if (!ignored.contains(n)) {
        m.put(n, t);
      }
    }
    return m;
  }

  private static Map<String, Field<?>> fields(Table<?> t) {
    Map<String, Field<?>> m = new TreeMap<>();
    for (Field<?> f : t.fields()) {
      m.put(f.getName().toLowerCase(Locale.ROOT), f);
    }
    return m;
  }

  private static String key(UniqueKey<?> k) {
    if (k == null) {
      return "none";
    }
    return columns(k.getFields());
  }

  private static Set<String> keys(List<? extends UniqueKey<?>> keys) {
    Set<String> s = new TreeSet<>();
    for (UniqueKey<?> k : keys) {
      s.add(columns(k.getFields()));
    }
    return s;
  }

  private static Set<String> foreignKeys(Table<?> t) {
    Set<String> s = new TreeSet<>();
    for (ForeignKey<?, ?> fk : t.getReferences()) {
      s.add(columns(fk.getFields()) + " -> " + fk.getKey().getTable().getName()
          .toLowerCase(Locale.ROOT) + columns(fk.getKeyFields()));
    }
    return s;
  }

  private static String columns(List<? extends Field<?>> fields) {
    List<String> names = new ArrayList<>();
    for (Field<?> f : fields) {
      names.add(f.getName().toLowerCase(Locale.ROOT));
    }
    return "(" + String.join(", ", names) + ")";
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new TreeSet<>(a);
    s.addAll(b);
    return s;
  }
}
