package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import dev.agentstore.spi.ItemField;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The child table holding one execution kind's appendable items (messages, tool calls, tasks),
 * keyed by (execution id, collection, sequence), with the execution's org and the items'
 * {@link ItemField} key columns (migration V7) that queries across executions use.
 *
 * <p>Usage: {@code ItemTable t = ItemTable.of(schema, Kind.AGENT_EXECUTION);}
 */
final class ItemTable {
  final Table<?> table;
  final Field<String> executionId;
  final Field<String> collection;
  final Field<Long> seq;
  final Field<String> itemKey;
  final Field<String> body;
  final Field<String> org;
  /** The {@link ItemField#COLUMNS} key columns, by name. */
  final Map<String, Field<String>> keys = new LinkedHashMap<>();
  final Kind kind;

  private ItemTable(Kind kind, Table<?> table) {
    this.kind = kind;
    this.table = table;
    this.executionId = ResourceTable.column(table, "execution_id", String.class);
    this.collection = ResourceTable.column(table, "collection", String.class);
    this.seq = ResourceTable.column(table, "seq", Long.class);
    this.itemKey = ResourceTable.column(table, "item_key", String.class);
    this.body = ResourceTable.column(table, "body", String.class);
    this.org = ResourceTable.column(table, "org", String.class);
    for (String c : ItemField.COLUMNS) {
      keys.put(c, ResourceTable.column(table, c, String.class));
    }
  }

  static ItemTable of(Schema schema, Kind kind) {
    if (!kind.isExecution()) {
      throw new IllegalArgumentException(kind + " has no items");
    }
    String name = kind == Kind.AGENT_EXECUTION ? "agent_execution_items"
        : "workflow_execution_items";
    return new ItemTable(kind, ResourceTable.table(schema, name));
  }
}
