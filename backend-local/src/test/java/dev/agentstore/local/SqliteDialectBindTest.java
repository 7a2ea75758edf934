package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The SQLite JSON filters carry every value and path as a bound parameter, never in the text. */
class SqliteDialectBindTest {
  private final SqliteDialect dialect = new SqliteDialect();
  private final DSLContext ctx = DSL.using(SQLDialect.SQLITE);
  private final Field<String> doc = DSL.field(DSL.name("spec"), String.class);

  @Test
  void jsonFiltersBindEveryValueAndPath() {
    JsonNodeFactory nf = JsonNodeFactory.withExactBigDecimals(true);
    List<JsonNode> values = List.of(nf.numberNode(new BigDecimal(
        "0.1000000000000000055511151231257827")), nf.numberNode(new BigDecimal("1E+400")),
        nf.numberNode(12345L), nf.textNode("needle' or 1=1 --"), nf.booleanNode(true));
    for (JsonNode v : values) {
      Select<?> q = ctx.selectOne().where(dialect.jsonEquals(doc, List.of("segment_a", "b"), v));
      String sql = q.getSQL();
      assertThat(sql).as("%s", v).doesNotContain("segment_a").doesNotContain("needle")
          .doesNotContain("0.1000").doesNotContain("400").doesNotContain("12345")
          .doesNotContain("Infinity").doesNotContain("1.7976");
      assertThat(q.getBindValues()).as("%s", v).contains("$.\"segment_a\".\"b\"");
      if (v.isNumber()) {
        assertThat(q.getBindValues()).contains(v.decimalValue().toString());
      } else if (v.isTextual()) {
        assertThat(q.getBindValues()).contains(v.textValue());
      }
    }
    Condition isNull = dialect.jsonIsNull(doc, List.of("segment_a"));
    Select<?> q = ctx.selectOne().where(isNull);
    assertThat(q.getSQL()).doesNotContain("segment_a");
    assertThat(q.getBindValues()).containsExactly("$.\"segment_a\"");
  }
}
