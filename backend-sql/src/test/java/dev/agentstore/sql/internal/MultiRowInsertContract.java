package dev.agentstore.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.sql.DialectStrategy;
import dev.agentstore.sql.SqlBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The multi-row INSERT texts {@link StatementCache#multiRowInsert(Table, List, int,
 * IntFunction)} builds from its row template are, for every table of a dialect's schema and any
 * row count, the very text jOOQ renders for that many rows with the backend's settings, and
 * once the template exists a bulk insert renders nothing. Each SQL backend subclasses it with
 * its dialect.
 *
 * <p>Usage: {@code class SqliteMultiRowInsertTest extends MultiRowInsertContract { ... new SqliteDialect() ... }}
 */
public abstract class MultiRowInsertContract {
  /** The dialect under test. */
  protected abstract DialectStrategy dialect();

  @Test
  void templatedTextsAreJooqsTextsForEveryTableAndRowCount() {
    DialectStrategy d = dialect();
    DSLContext ctx = DSL.using(d.dialect(), SqlBackend.jooqSettings(d));
    List<Table<?>> tables = d.schema().getTables();
    assertThat(tables).isNotEmpty();
    for (Table<?> table : tables) {
      List<Field<?>> columns = List.of(table.fields());
      StatementCache cache = new StatementCache();
      AtomicInteger renders = new AtomicInteger();
      IntFunction<Query> insertOf = n -> {
        renders.incrementAndGet();
        return insert(ctx, table, columns, n);
      };
      for (int rows : new int[] {1, 2, 3, 7, 100, 101, 250}) {
        assertThat(cache.multiRowInsert(table, columns, rows, insertOf))
            .as("%s, %d rows", table.getName(), rows)
            .isEqualTo(insert(ctx, table, columns, rows).getSQL(ParamType.INDEXED));
      }
      // Three texts make the template; every row count after that is built from it.
      assertThat(renders.get()).as("renders for %s", table.getName()).isEqualTo(3);
    }
  }

  /** jOOQ's INSERT of {@code rows} rows of placeholders into {@code columns}. */
  private static Query insert(DSLContext ctx, Table<?> table, List<Field<?>> columns,
      int rows) {
    var insert = ctx.insertInto(table, columns);
    for (int r = 0; r < rows; r++) {
      List<Param<?>> binds = new ArrayList<>(columns.size());
      for (Field<?> c : columns) {
        binds.add(DSL.param(c.getName(), c.getDataType()));
      }
      insert = insert.values(binds);
    }
    return insert;
  }
}
