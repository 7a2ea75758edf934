package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The child table holding one execution kind's appendable items (messages, tool calls, tasks),
 * keyed by (execution id, collection, sequence).
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

  private ItemTable(Table<?> table) {
    this.table = table;
    this.executionId = ResourceTable.column(table, "execution_id", String.class);
    this.collection = ResourceTable.column(table, "collection", String.class);
    this.seq = ResourceTable.column(table, "seq", Long.class);
    this.itemKey = ResourceTable.column(table, "item_key", String.class);
    this.body = ResourceTable.column(table, "body", String.class);
  }

  static ItemTable of(Schema schema, Kind kind) {
    if (!kind.isExecution()) {
      throw new IllegalArgumentException(kind + " has no items");
    }
    String name = kind == Kind.AGENT_EXECUTION ? "agent_execution_items"
        : "workflow_execution_items";
    return new ItemTable(ResourceTable.table(schema, name));
  }
}
