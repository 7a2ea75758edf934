package dev.agentstore.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.Kind;
import dev.agentstore.RefField;
import java.util.Arrays;
import org.jooq.Schema;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * Every table and column name {@link SqlNames} gives exists in a dialect's generated schema: the
 * names left the public enums, so this is what keeps them and each backend's migrations in step.
 * Each SQL backend subclasses it with its dialect's schema.
 *
 * <p>Usage: {@code class SqliteSqlNamesTest extends SqlNamesContract { ... new SqliteDialect().schema() ... }}
 */
public abstract class SqlNamesContract {
  private final Schema schema = schema();

  /** The generated schema of the dialect under test. */
  protected abstract Schema schema();

  @Test
  void everyKindMapsToATableOfTheSchema() {
    for (Kind k : Kind.values()) {
      assertThat(schema.getTable(SqlNames.table(k))).as("table of %s", k).isNotNull();
    }
    assertThat(Kind.values().stream().map(SqlNames::table).distinct())
        .as("one table per kind").hasSize(Kind.values().size());
  }

  @Test
  void everyReferenceFieldIsAColumnOfEachKindThatIndexesIt() {
    for (Kind k : Kind.values()) {
      Table<?> table = schema.getTable(SqlNames.table(k));
      for (RefField f : k.refFields()) {
        assertThat(table.field(SqlNames.column(f))).as("%s.%s", k, f).isNotNull();
      }
    }
    assertThat(Arrays.stream(RefField.values())
        .filter(f -> Kind.values().stream().noneMatch(k -> k.refFields().contains(f))))
        .as("reference fields no kind indexes").isEmpty();
  }

  @Test
  void theSharedCodeResolvesEveryTableAndColumn() {
    assertThat(new SqlSchema(schema).resource(Kind.AGENT_EXECUTION).refs)
        .containsOnlyKeys(RefField.SESSION_ID, RefField.AGENT_ID);
  }
}
