package dev.agentstore.sql.internal;

import dev.agentstore.CollectionDefinition;
import dev.agentstore.KindDefinition;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.sql.DialectStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.TableImpl;

/**
 * The table of one declared collection, {@code ckc_<idPrefix>_<collection>}: one row per item,
 * keyed by (parent id, sequence), unique by (parent id, key) where the key is set, with a
 * foreign key to its parent's {@code (org, id)} that deletes the items with the parent, and a
 * key column ({@link SortKeys}, {@code ~} when absent) plus a (parent, key, sequence) index per
 * declared item field. Gives both the jOOQ model (column types, with their converters, taken
 * from the generated execution item and execution tables) and the DDL.
 *
 * <p>Usage: {@code CollectionTable t = new CollectionTable(kind, collection, schema); t.createStatements(dialect)}
 */
final class CollectionTable {
  final String name;
  final Table<?> table;
  final Field<String> parentId;
  final Field<String> org;
  final Field<Long> seq;
  final Field<String> itemKey;
  final Field<String> body;
  final Field<Instant> createdAt;
  final Field<String> createdBy;
  /** The key column of each declared item field, by field name. */
  final Map<String, Field<String>> keys = new LinkedHashMap<>();
  private final KindDefinition kind;
  private final CollectionDefinition collection;

  CollectionTable(KindDefinition kind, CollectionDefinition collection, Schema schema) {
    this.kind = kind;
    this.collection = collection;
    this.name = "ckc_" + kind.idPrefix() + "_" + collection.name().toLowerCase(Locale.ROOT);
    this.table = new Model(name, ResourceTable.table(schema, "agent_execution_items"),
        ResourceTable.table(schema, "agent_executions"), collection);
    this.parentId = ResourceTable.column(table, "parent_id", String.class);
    this.org = ResourceTable.column(table, "org", String.class);
    this.seq = ResourceTable.column(table, "seq", Long.class);
    this.itemKey = ResourceTable.column(table, "item_key", String.class);
    this.body = ResourceTable.column(table, "body", String.class);
    this.createdAt = ResourceTable.column(table, "created_at", Instant.class);
    this.createdBy = ResourceTable.column(table, "created_by", String.class);
    for (CollectionDefinition.Field f : collection.fields()) {
      keys.put(f.name(), ResourceTable.column(table, IndexedField.itemColumn(f.name()),
          String.class));
    }
  }

  /** CREATE TABLE, its indexes and the {@code oneOf} checks of the item fields, in order. */
  List<String> createStatements(DialectStrategy d) {
    List<String> out = new ArrayList<>();
    String parent = SqlNames.table(kind.kind());
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(name).append(" (\n")
        .append("  parent_id VARCHAR(64) NOT NULL,\n")
        .append("  org VARCHAR(64) NOT NULL,\n")
        .append("  seq BIGINT NOT NULL CHECK (seq >= 1),\n")
        .append("  item_key VARCHAR(255),\n")
        .append("  ").append(d.declaredJsonColumn("body")).append(",\n")
        .append("  created_at ").append(d.declaredTimeType()).append(" NOT NULL,\n")
        .append("  created_by TEXT NOT NULL,\n");
    for (CollectionDefinition.Field f : collection.fields()) {
      b.append("  ").append(IndexedField.itemColumn(f.name())).append(' ')
          .append(d.declaredKeyType()).append(" NOT NULL DEFAULT '").append(SortKeys.ABSENT)
          .append("',\n");
    }
    b.append("  CONSTRAINT ").append(name).append("_pkey PRIMARY KEY (parent_id, seq),\n")
        .append("  CONSTRAINT ").append(name).append("_key UNIQUE (parent_id, item_key),\n")
        .append("  CONSTRAINT ").append(name).append("_parent_fkey FOREIGN KEY (org, parent_id)")
        .append(" REFERENCES ").append(parent).append(" (org, id) ON DELETE CASCADE\n)");
    out.add(b.toString());
    for (CollectionDefinition.Field f : collection.fields()) {
      String col = IndexedField.itemColumn(f.name());
      out.add("CREATE INDEX " + name + "_" + col + "_idx ON " + name + " (parent_id, " + col
          + ", seq)");
      if (!f.oneOf().isEmpty()) {
        out.addAll(DeclaredTable.oneOfCheck(d, name, col, f.oneOf()));
      }
    }
    return out;
  }

  /** The jOOQ model: the template tables' column types under this table's names. */
  private static final class Model extends TableImpl<Record> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Model(String name, Table<?> items, Table<?> executions, CollectionDefinition c) {
      super(DSL.name(name));
      DataType<?> id = items.field("execution_id").getDataType();
      createField(DSL.name("parent_id"), (DataType) id, this);
      createField(DSL.name("org"), (DataType) id, this);
      createField(DSL.name("seq"), (DataType) items.field("seq").getDataType(), this);
      createField(DSL.name("item_key"), (DataType) items.field("item_key").getDataType(), this);
      createField(DSL.name("body"), (DataType) items.field("body").getDataType(), this);
      createField(DSL.name("created_at"),
          (DataType) executions.field("created_at").getDataType(), this);
      createField(DSL.name("created_by"),
          (DataType) executions.field("created_by").getDataType(), this);
      DataType<?> key = executions.field("ix_started_at").getDataType();
      for (CollectionDefinition.Field f : c.fields()) {
        createField(DSL.name(IndexedField.itemColumn(f.name())), (DataType) key, this);
      }
    }
  }
}
