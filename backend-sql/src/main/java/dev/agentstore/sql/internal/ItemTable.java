package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import dev.agentstore.spi.ItemField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.Schema;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

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

  /**
   * {@link #insertAfterLast} of one keyed item that replaces the item its key already names
   * (body, org and key columns; the sequence stays), through the (execution id, collection,
   * item key) unique key: an upsert in one statement.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Insert<?> upsertAfterLast(DSLContext ctx, ItemTable t, List<Field<?>> columns,
      List<Param<?>> lastOf, List<?> row) {
    var upsert = insertAfterLast(ctx, t, columns, lastOf, List.of(row))
        .onConflict(t.executionId, t.collection, t.itemKey).doUpdate()
        .set(t.body, DSL.excluded(t.body)).set(t.org, DSL.excluded(t.org));
    for (Field<String> k : t.keys.values()) {
      upsert = upsert.set(k, DSL.excluded(k));
    }
    return upsert;
  }

  /**
   * {@link #insertAfterLast} of one item that writes nothing when its key (not null) is already
   * held in the collection, through the (execution id, collection, item key) unique key. The
   * caller adds {@code RETURNING seq} to its text (see {@link StatementCache#insertReturning}).
   */
  static Insert<?> insertUnlessKeyHeld(DSLContext ctx, ItemTable t, List<Field<?>> columns,
      List<Param<?>> lastOf, List<?> row) {
    return insertAfterLast(ctx, t, columns, lastOf, List.of(row))
        .onConflict(t.executionId, t.collection, t.itemKey).doNothing();
  }

  /**
   * An INSERT of {@code rows} into {@code columns} whose {@link #seq} values are offsets from
   * the collection's last sequence: {@code INSERT ... SELECT} from that last sequence (read by
   * the statement itself, its two placeholders first, bound to {@code lastOf}: the execution id
   * and the collection) joined to the rows' values.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static InsertOnDuplicateStep<?> insertAfterLast(DSLContext ctx, ItemTable t,
      List<Field<?>> columns, List<Param<?>> lastOf, List<? extends List<?>> rows) {
    Field<Long> lastSeq = DSL.coalesce(DSL.max(t.seq), DSL.inline(0L)).as("last_seq");
    Table<?> last = DSL.select(lastSeq).from(t.table)
        .where(t.executionId.eq((Field<String>) lastOf.get(0))
            .and(t.collection.eq((Field<String>) lastOf.get(1))))
        .asTable("last_item");
    String[] names = new String[columns.size()];
    for (int c = 0; c < names.length; c++) {
      names[c] = "c" + c;
    }
    RowN[] values = new RowN[rows.size()];
    for (int r = 0; r < values.length; r++) {
      List<?> row = rows.get(r);
      Field<?>[] binds = new Field<?>[columns.size()];
      for (int c = 0; c < binds.length; c++) {
        binds[c] = StatementCache.bind(columns.get(c), row.get(c));
      }
      values[r] = DSL.row(binds);
    }
    Table<?> v = DSL.values(values).as("v", names);
    List<Field<?>> select = new ArrayList<>(columns.size());
    for (int c = 0; c < names.length; c++) {
      Field<?> value = v.field(names[c]);
      select.add(columns.get(c).equals(t.seq)
          ? last.field("last_seq", Long.class).plus((Field<Long>) value) : value);
    }
    // The WHERE is for SQLite: an upsert's SELECT needs one, or "ON CONFLICT" reads as a join.
    Select<? extends Record> source = ctx.select(select).from(last).crossJoin(v)
        .where(DSL.trueCondition());
    return (InsertOnDuplicateStep<?>) ctx.insertInto((Table) t.table, (List) columns)
        .select((Select) source);
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
