package dev.agentstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The PostgreSQL JSON filters carry every value and key as a bound parameter, never in the text. */
class PostgresDialectBindTest {
  private final PostgresDialect dialect = new PostgresDialect();
  private final DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
  private final Field<String> doc = DSL.field(DSL.name("spec"), String.class);

  @Test
  void jsonFiltersBindEveryValueAndKey() {
    JsonNodeFactory nf = JsonNodeFactory.withExactBigDecimals(true);
    List<JsonNode> values = List.of(nf.numberNode(new BigDecimal(
        "0.1000000000000000055511151231257827")), nf.textNode("needle' or 1=1 --"),
        nf.booleanNode(true));
    for (JsonNode v : values) {
      Select<?> q = ctx.selectOne().where(dialect.jsonEquals(doc, List.of("segment_a", "b"), v));
      assertThat(q.getSQL()).as("%s", v).doesNotContain("segment_a").doesNotContain("needle")
          .doesNotContain("0.1000").doesNotContain("true").contains("->");
      assertThat(q.getBindValues()).as("%s", v).startsWith("segment_a", "b")
          .contains(v.toString());
    }
    Select<?> q = ctx.selectOne().where(dialect.jsonIsNull(doc, List.of("segment_a")));
    assertThat(q.getSQL()).doesNotContain("segment_a");
    assertThat(q.getBindValues()).containsExactly("segment_a");
  }
}
