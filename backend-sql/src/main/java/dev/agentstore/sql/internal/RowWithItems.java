package dev.agentstore.sql.internal;

import dev.agentstore.spi.StoredItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectUnionStep;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * One statement that reads an execution's row and the items of some of its collections: a
 * UNION ALL of the row (item columns null) and its items (row columns null), so that a get, and
 * a write that returns the execution, asks once instead of twice (issue 17). The row is the
 * result's one record with an id.
 *
 * <p>The locking variant takes the row lock in a CTE ({@code FOR UPDATE} may not stand beside a
 * UNION). At READ COMMITTED, a lock that waited for a transaction which changed the row returns
 * the row as that transaction left it, while the items branch still reads the statement's
 * snapshot; every write of items also raises the row's version, so the statement returns the
 * version its snapshot saw as well, and a caller re-reads the items when the two differ.
 *
 * <p>Usage: {@code RowWithItems s = cache.rowWithItems(t, items, lock); s.read(direct.query(sql, s.binds(id, collections), s.columns))}
 */
final class RowWithItems {
  private final ResourceTable t;
  private final ItemTable items;
  private final boolean lock;
  private final Field<String> collection;
  private final Field<Long> seq;
  private final Field<String> itemKey;
  private final Field<String> body;
  /** The row's version in the statement's snapshot; only read by the locking variant. */
  private final Field<Long> seenVersion;
  /** The result's columns: the row's, then the items', then (locking) the seen version. */
  final Field<?>[] columns;

  RowWithItems(ResourceTable t, ItemTable items, boolean lock) {
    this.t = t;
    this.items = items;
    this.lock = lock;
    // Named apart from every resource column, since the UNION's columns take the first
    // branch's names.
    this.collection = DSL.field(DSL.name("item_collection"), items.collection.getDataType());
    this.seq = DSL.field(DSL.name("item_seq"), items.seq.getDataType());
    this.itemKey = DSL.field(DSL.name("item_item_key"), items.itemKey.getDataType());
    this.body = DSL.field(DSL.name("item_body"), items.body.getDataType());
    this.seenVersion = DSL.field(DSL.name("seen_version"), SQLDataType.BIGINT);
    List<Field<?>> cols = new ArrayList<>(Arrays.asList(t.columns));
    cols.addAll(List.of(collection, seq, itemKey, body));
    if (lock) {
      cols.add(seenVersion);
    }
    this.columns = cols.toArray(Field<?>[]::new);
  }

  /**
   * The statement for {@code collectionCount} collections; its placeholders take
   * {@link #binds}. Rendered once per kind and count (it goes into the {@link StatementCache}).
   */
  ResultQuery<Record> query(DSLContext ctx, int collectionCount) {
    String id = "";
    List<String> names = new ArrayList<>();
    for (int i = 0; i < collectionCount; i++) {
      names.add("");
    }
    List<SelectField<?>> itemSide = new ArrayList<>();
    for (Field<?> c : t.columns) {
      itemSide.add(DSL.castNull(c.getDataType()).as(c.getName()));
    }
    itemSide.add(items.collection.as(collection.getName()));
    itemSide.add(items.seq.as(seq.getName()));
    itemSide.add(items.itemKey.as(itemKey.getName()));
    itemSide.add(items.body.as(body.getName()));
    if (lock) {
      itemSide.add(DSL.castNull(SQLDataType.BIGINT).as(seenVersion.getName()));
    }
    var itemRows = DSL.select(itemSide).from(items.table)
        .where(items.executionId.eq(id).and(items.collection.in(names)));
    List<SelectField<?>> rowSide = new ArrayList<>();
    List<Field<?>> itemNulls = List.of(
        DSL.castNull(collection.getDataType()).as(collection.getName()),
        DSL.castNull(seq.getDataType()).as(seq.getName()),
        DSL.castNull(itemKey.getDataType()).as(itemKey.getName()),
        DSL.castNull(body.getDataType()).as(body.getName()));
    SelectUnionStep<Record> row;
    if (!lock) {
      rowSide.addAll(Arrays.asList(t.columns));
      rowSide.addAll(itemNulls);
      row = ctx.select(rowSide).from(t.table).where(t.id.eq(id));
    } else {
      for (Field<?> c : t.columns) {
        rowSide.add(DSL.field(DSL.name("locked_row", c.getName()), c.getDataType()));
      }
      rowSide.addAll(itemNulls);
      Table<?> seen = t.table.as("seen_row");
      rowSide.add(DSL.field(DSL.select(seen.field(t.version)).from(seen)
          .where(seen.field(t.id).eq(id))).as(seenVersion.getName()));
      row = ctx.with(DSL.name("locked_row")).as(DSL.selectFrom(t.table).where(t.id.eq(id))
              .forUpdate())
          .select(rowSide).from(DSL.table(DSL.name("locked_row")));
    }
    return row.unionAll(itemRows).orderBy(collection, seq);
  }

  /** The values for the placeholders of {@link #query}, in their order in its text. */
  List<Param<?>> binds(String id, List<String> collectionNames) {
    List<Param<?>> binds = new ArrayList<>(collectionNames.size() + 3);
    binds.add(StatementCache.bind(t.id, id));
    if (lock) {
      binds.add(StatementCache.bind(t.id, id));
    }
    binds.add(StatementCache.bind(items.executionId, id));
    collectionNames.forEach(c -> binds.add(StatementCache.bind(items.collection, c)));
    return binds;
  }

  /** The result's records, split into the row (null: none) and its items by collection. */
  Read read(List<DirectJdbc.Row> records) {
    DirectJdbc.Row row = null;
    Map<String, List<StoredItem>> byCollection = new LinkedHashMap<>();
    for (DirectJdbc.Row r : records) {
      if (r.get(t.id) != null) {
        row = r;
      } else {
        byCollection.computeIfAbsent(r.get(collection), k -> new ArrayList<>())
            .add(StoredItem.stored(r.get(seq), r.get(itemKey), r.get(body)));
      }
    }
    boolean stale = lock && row != null && !row.get(t.version).equals(row.get(seenVersion));
    return new Read(row, byCollection, stale);
  }

  /**
   * What one run of the statement found.
   *
   * @param row the resource's record, or null when there is none
   * @param items its items by collection
   * @param stale whether the locked row is newer than the snapshot the items were read in (the
   *     caller reads the items again)
   */
  record Read(DirectJdbc.Row row, Map<String, List<StoredItem>> items, boolean stale) {}
}
