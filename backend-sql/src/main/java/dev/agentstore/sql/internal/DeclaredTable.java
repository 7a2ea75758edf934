package dev.agentstore.sql.internal;

import dev.agentstore.KindDefinition;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.sql.DialectStrategy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.TableImpl;

/**
 * The table of one declared kind, {@code ck_<idPrefix>}: the envelope columns every kind has,
 * a key column per declared single-valued field (its {@link SortKeys} key, {@code ~} when
 * absent), and a reference column per REFERENCE field with a foreign key to its target. Gives
 * both the jOOQ model the shared SQL runs on (the envelope columns take the data types, with
 * their converters, of a built-in table) and the DDL that creates the table and each of the
 * definition's unique keys, {@code oneOf} checks and indexes.
 *
 * <p>Usage: {@code DeclaredTable t = new DeclaredTable(definition, schema); t.createStatements(dialect)}
 */
final class DeclaredTable {
  private static final List<String> ENVELOPE = List.of("id", "org", "slug", "name", "version",
      "labels", "metadata", "spec", "status", "created_at", "updated_at", "created_by",
      "updated_by");

  final KindDefinition definition;
  final String name;
  private final Schema schema;

  DeclaredTable(KindDefinition definition, Schema schema) {
    this.definition = definition;
    this.name = SqlNames.table(definition.kind());
    this.schema = schema;
  }

  /** The jOOQ model of the table, for {@link ResourceTable}. */
  Table<?> model() {
    Table<?> template = ResourceTable.table(schema, "agent_executions");
    return new Model(name, template, IndexedField.of(definition.kind()), referenceColumns());
  }

  /** The column holding the id a REFERENCE field names. */
  static String referenceColumn(KindDefinition.Field f) {
    return "r_" + IndexedField.declaredColumn(f.path()).substring(2);
  }

  /**
   * The id a REFERENCE field's key names (its key is the id's string key), or null when the
   * field is absent.
   */
  static String referencedId(String key) {
    return key == null || key.equals(SortKeys.ABSENT) ? null
        : key.substring(SortKeys.text("").length());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Parses JSON the store wrote (a spec, a stored definition). */
  static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  private List<String> referenceColumns() {
    return definition.fields().stream().filter(f -> f.references().isPresent())
        .map(DeclaredTable::referenceColumn).toList();
  }

  /** CREATE TABLE and everything the definition declares on it, in order. */
  List<String> createStatements(DialectStrategy d) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(name).append(" (\n")
        .append("  id VARCHAR(64) NOT NULL PRIMARY KEY,\n")
        .append("  org VARCHAR(64) NOT NULL,\n")
        .append("  slug VARCHAR(63) NOT NULL,\n")
        .append("  name TEXT,\n")
        .append("  version BIGINT NOT NULL CHECK (version >= 1),\n");
    for (String json : List.of("labels", "metadata", "spec", "status")) {
      b.append("  ").append(d.declaredJsonColumn(json)).append(",\n");
    }
    b.append("  keys_version INTEGER NOT NULL DEFAULT ").append(IndexedField.KEYS_VERSION)
        .append(",\n");
    for (IndexedField f : IndexedField.of(definition.kind())) {
      b.append("  ").append(f.column()).append(' ').append(d.declaredKeyType())
          .append(" NOT NULL DEFAULT '").append(SortKeys.ABSENT).append("',\n");
    }
    for (String r : referenceColumns()) {
      b.append("  ").append(r).append(" VARCHAR(64),\n");
    }
    b.append("  created_at ").append(d.declaredTimeType()).append(" NOT NULL,\n")
        .append("  updated_at ").append(d.declaredTimeType()).append(" NOT NULL,\n")
        .append("  created_by TEXT NOT NULL,\n")
        .append("  updated_by TEXT NOT NULL,\n")
        .append("  CONSTRAINT ").append(name).append("_org_fkey FOREIGN KEY (org) REFERENCES")
        .append(" organizations (id) ON DELETE RESTRICT,\n")
        .append("  CONSTRAINT ").append(name).append("_org_slug_key UNIQUE (org, slug),\n")
        .append("  CONSTRAINT ").append(name).append("_org_id_key UNIQUE (org, id)");
    for (KindDefinition.Field f : definition.fields()) {
      if (f.references().isEmpty()) {
        continue;
      }
      var ref = f.references().get();
      // Every rule is RESTRICT in the database: the store applies CASCADE and SET_NULL itself
      // (deleting or editing the referrers, with history) before the referenced row goes, so the
      // key only refuses what bypasses the store, and changing a field's onDelete needs no DDL.
      b.append(",\n  CONSTRAINT ").append(name).append('_').append(referenceColumn(f))
          .append("_fkey FOREIGN KEY (org, ").append(referenceColumn(f)).append(") REFERENCES ")
          .append(SqlNames.table(ref.target())).append(" (org, id) ON DELETE RESTRICT");
    }
    b.append("\n)");
    out.add(b.toString());
    out.add("CREATE INDEX " + name + "_org_created_idx ON " + name + " (org, created_at, id)");
    out.add("CREATE INDEX " + name + "_org_updated_idx ON " + name + " (org, updated_at, id)");
    out.add(d.expiresAtIndex(name));
    for (IndexedField f : IndexedField.of(definition.kind())) {
      out.add(keyIndexStatement(f));
    }
    for (String r : referenceColumns()) {
      out.add("CREATE INDEX " + name + "_" + r + "_idx ON " + name + " (org, " + r + ")");
    }
    for (KindDefinition.Field f : definition.fields()) {
      out.addAll(oneOfCheck(d, f));
    }
    for (KindDefinition.Unique u : definition.uniques()) {
      out.add(uniqueStatement(u));
    }
    for (List<dev.agentstore.JsonPath> ix : definition.indexes()) {
      out.add(indexStatement(ix));
    }
    for (dev.agentstore.CollectionDefinition c : definition.collections()) {
      out.addAll(new CollectionTable(definition, c, schema).createStatements(d));
    }
    return out;
  }

  /**
   * The statements that hold the key column {@code col} of {@code table} to {@code values}
   * (or absent): a declared {@code oneOf}, of a kind's field or a collection's item field.
   */
  static List<String> oneOfCheck(DialectStrategy d, String table, String col,
      List<String> values) {
    String allowed = values.stream().map(v -> literal(SortKeys.text(v)))
        .collect(Collectors.joining(", "));
    return d.declaredCheck(table, oneOfName(table, col), col + " = '" + SortKeys.ABSENT
        + "' OR " + col + " IN (" + allowed + ")");
  }

  /** The (org, key, id) index of a declared field's key column. */
  String keyIndexStatement(IndexedField f) {
    return "CREATE INDEX " + f.index() + " ON " + name + " (org, " + f.column() + ", id)";
  }

  /** The key column of a declared single-valued field, added to the stored table. */
  String addKeyColumnStatement(DialectStrategy d, IndexedField f) {
    return "ALTER TABLE " + name + " ADD COLUMN " + f.column() + " " + d.declaredKeyType()
        + " NOT NULL DEFAULT '" + SortKeys.ABSENT + "'";
  }

  /** Drops a declared field's key column and its index (its check must be gone first). */
  List<String> dropKeyColumnStatements(IndexedField f) {
    return List.of("DROP INDEX " + f.index(), "ALTER TABLE " + name + " DROP COLUMN "
        + f.column());
  }

  /** The statements holding a field to its {@code oneOf} (none without one). */
  List<String> oneOfCheck(DialectStrategy d, KindDefinition.Field f) {
    return f.oneOf().isEmpty() ? List.of()
        : oneOfCheck(d, name, IndexedField.declaredColumn(f.path()), f.oneOf());
  }

  /** The statements dropping what {@link #oneOfCheck(DialectStrategy, KindDefinition.Field)} made. */
  List<String> dropOneOfCheck(DialectStrategy d, KindDefinition.Field f) {
    return f.oneOf().isEmpty() ? List.of()
        : d.dropDeclaredCheck(name, oneOfName(name, IndexedField.declaredColumn(f.path())));
  }

  private static String oneOfName(String table, String col) {
    return table + "_" + col + "_oneof";
  }

  /** The statement creating one declared index. */
  String indexStatement(List<dev.agentstore.JsonPath> ix) {
    return "CREATE INDEX " + indexName(ix) + " ON " + name + " (org, " + columns(ix) + ", id)";
  }

  /** The name of a declared index: stable for the same fields in every definition version. */
  String indexName(List<dev.agentstore.JsonPath> ix) {
    return indexName("ix", ix.toString());
  }

  /** The statement creating one unique key (a partial unique index). */
  String uniqueStatement(KindDefinition.Unique u) {
    List<String> present = new ArrayList<>();
    for (dev.agentstore.JsonPath p : u.paths()) {
      present.add(IndexedField.declaredColumn(p) + " <> '" + SortKeys.ABSENT + "'");
    }
    u.where().ifPresent(w -> present.add(IndexedField.declaredColumn(w.path()) + " IN ("
        + w.values().stream().map(v -> literal(SortKeys.text(v)))
            .collect(Collectors.joining(", ")) + ")"));
    return "CREATE UNIQUE INDEX " + uniqueName(u) + " ON " + name + " (org, "
        + columns(u.paths()) + ") WHERE " + String.join(" AND ", present);
  }

  /** The index name of a unique key: stable for the same key in every definition version. */
  String uniqueName(KindDefinition.Unique u) {
    return indexName("uq", u.paths() + "|" + u.where().map(Object::toString).orElse(""));
  }

  private String indexName(String what, String key) {
    return name + "_" + what + "_" + hash(key);
  }

  private static String columns(List<dev.agentstore.JsonPath> paths) {
    return paths.stream().map(IndexedField::declaredColumn).collect(Collectors.joining(", "));
  }

  /** A SQL string literal (DDL cannot take bind values); quotes doubled. */
  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String hash(String text) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** The jOOQ model: the template's envelope columns, then the key and reference columns. */
  private static final class Model extends TableImpl<Record> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Model(String name, Table<?> template, List<IndexedField> keys, List<String> refs) {
      super(DSL.name(name));
      for (String c : ENVELOPE) {
        Field<?> f = template.field(c);
        createField(DSL.name(c), (DataType) f.getDataType(), this);
      }
      createField(DSL.name("keys_version"),
          (DataType) template.field("keys_version").getDataType(), this);
      DataType<?> key = template.field("ix_started_at").getDataType();
      for (IndexedField k : keys) {
        createField(DSL.name(k.column()), (DataType) key, this);
      }
      DataType<?> id = template.field("id").getDataType().nullable(true);
      for (String r : refs) {
        createField(DSL.name(r), (DataType) id, this);
      }
    }
  }
}
