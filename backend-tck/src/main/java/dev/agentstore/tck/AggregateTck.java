package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionSpec;
import dev.agentstore.model.ExecutionConfig;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.Session;
import dev.agentstore.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Aggregates ({@code repo.aggregate(query, aggregation)}): computed in the database with the
 * filters of {@code list}, exact decimal sums (values inexact in binary, integers past 2^53),
 * one average rule, groups for absent keys, ordering, limits, tenant views and bad input.
 *
 * <p>Usage: {@code class LocalAggregateTest extends AggregateTck { ... newStoreBuilder() ... }}
 */
public abstract class AggregateTck extends TckSupport {
  private static final JsonNodeFactory NF = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).setNodeFactory(NF);
  private static final String COST = "status.usage.costUsd";
  private static final String TOKENS = "status.usage.inputTokens";
  private static final String MS = "status.usage.durationMs";

  /** An execution to create: fields left null are absent. */
  private static final class Run {
    String cost;
    Long tokens;
    Long durationMs;
    Instant started;
    ExecutionPhase phase;
    String team;
    Map<String, JsonNode> spec = new LinkedHashMap<>();

    Run cost(String c) {
      cost = c;
      return this;
    }

    Run tokens(long t) {
      tokens = t;
      return this;
    }

    Run ms(long m) {
      durationMs = m;
      return this;
    }

    Run started(String s) {
      started = Instant.parse(s);
      return this;
    }

    Run phase(ExecutionPhase p) {
      phase = p;
      return this;
    }

    Run team(String t) {
      team = t;
      return this;
    }

    Run spec(String field, String json) {
      spec.put(field, parse(json));
      return this;
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static Run run() {
    return new Run();
  }

  private AgentExecution create(AgentStore s, String org, Session session, Run r) {
    String agentId = s.agentInstances().get(session.spec().agentInstanceId()).orElseThrow()
        .spec().agentId();
    Metadata m = Metadata.of(org, unique("run"));
    if (r.team != null) {
      m = m.withLabel("team", r.team);
    }
    AgentExecution e = s.agentExecutions().create(new AgentExecution(m,
        AgentExecutionSpec.builder().sessionId(session.id()).agentId(agentId).message("hi")
            .config(ExecutionConfig.builder().model("m").build()).unknownFields(r.spec).build(),
        null));
    if (r.cost != null || r.tokens != null || r.durationMs != null || r.started != null) {
      Usage.Builder u = Usage.builder();
      if (r.cost != null) {
        u.costUsd(new BigDecimal(r.cost));
      }
      if (r.tokens != null) {
        u.inputTokens(r.tokens);
      }
      if (r.durationMs != null) {
        u.durationMs(r.durationMs);
      }
      e = s.agentExecutions().updateStatus(e.withStatus(e.status().toBuilder()
          .usage(r.cost == null && r.tokens == null && r.durationMs == null ? null : u.build())
          .startedAt(r.started).build()));
    }
    if (r.phase != null && r.phase != ExecutionPhase.PENDING) {
      e = s.agentExecutions().transition(e.id(), r.phase);
    }
    return e;
  }

  private String agentOf(Session s) {
    return store.agentInstances().get(s.spec().agentInstanceId()).orElseThrow().spec().agentId();
  }

  private AggregateResult aggregate(String org, Aggregation a) {
    return store.agentExecutions().aggregate(Query.builder().org(org).build(), a);
  }

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  /** 0.1 + 0.2 is 0.3 and integers past 2^53 add exactly, on every backend. */
  @Test
  void sumsAreExactDecimalsAndIntegersPast2To53() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    create(store, org, s, run().cost("0.1").tokens(9007199254740993L).ms(1));
    create(store, org, s, run().cost("0.2").tokens(9007199254740993L).ms(2));
    create(store, org, s, run().cost("0.30").tokens(1L).ms(2));
    create(store, org, s, run().spec("big", "123456789012345678901234567890.000000000000000001"));
    create(store, org, s, run().spec("big", "1"));

    AggregateResult r = aggregate(org, Aggregation.all().count().sum(COST).sum(TOKENS).avg(MS)
        .avg(COST).min(COST).max(TOKENS).sum("spec.big"));

    assertThat(r.truncated()).isFalse();
    assertThat(r.rows()).hasSize(1);
    AggregateResult.Row row = r.rows().get(0);
    assertThat(row.keys()).isEmpty();
    assertThat(row.count()).isEqualTo(5);
    assertThat(row.sum(COST)).as("exact, trailing zeros stripped").isEqualTo(dec("0.6"));
    assertThat(row.sum(TOKENS)).isEqualTo(dec("18014398509481987"));
    assertThat(row.numbers(COST)).isEqualTo(3);
    assertThat(row.avg(MS)).as("5 / 3 to 34 significant digits, half even")
        .isEqualTo(dec("1.666666666666666666666666666666667"));
    assertThat(row.avg(COST)).isEqualTo(dec("0.2"));
    assertThat(row.min(COST).decimalValue()).isEqualTo(dec("0.1"));
    assertThat(row.max(TOKENS).decimalValue()).isEqualTo(dec("9007199254740993"));
    assertThat(row.sum("spec.big"))
        .isEqualTo(dec("123456789012345678901234567891.000000000000000001"));
  }

  /**
   * Sums of integers either side of every native-arithmetic boundary a backend may use (9 and 10
   * digits, 2^31, 2^63, negatives, exponent and fraction forms of whole numbers) are exact.
   */
  @Test
  void sumsAcrossIntegerSizeBoundariesAreExact() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    String[] values = {"-999999999", "999999999", "1000000000", "-5", "2147483648",
        "9223372036854775807", "9223372036854775807", "-9223372036854775808", "1e3", "2.000", "0"};
    BigDecimal expected = BigDecimal.ZERO;
    for (String v : values) {
      create(store, org, s, run().spec("n", v));
      expected = expected.add(dec(v));
    }
    AggregateResult.Row row = aggregate(org, Aggregation.all().sum("spec.n").min("spec.n")
        .max("spec.n").avg("spec.n")).rows().get(0);
    assertThat(row.sum("spec.n")).isEqualByComparingTo(expected);
    assertThat(row.numbers("spec.n")).isEqualTo(values.length);
    assertThat(row.min("spec.n").decimalValue()).isEqualByComparingTo("-9223372036854775808");
    assertThat(row.max("spec.n").decimalValue()).isEqualByComparingTo("9223372036854775807");
    assertThat(row.avg("spec.n")).isEqualByComparingTo(expected.divide(
        BigDecimal.valueOf(values.length), AggregateResult.AVG_CONTEXT));
  }

  /** Groups by the agent reference, with the query's filters, ordered and limited. */
  @Test
  void groupsByAgentWithFiltersOrderAndLimit() {
    String org = newOrg().id();
    Session a = newSession(store, org);
    Session b = newSession(store, org);
    Session c = newSession(store, org);
    create(store, org, a, run().cost("1.10").ms(100).phase(ExecutionPhase.COMPLETED));
    create(store, org, a, run().cost("2.20").ms(300).phase(ExecutionPhase.COMPLETED));
    create(store, org, a, run().cost("50").ms(1).phase(ExecutionPhase.FAILED));
    create(store, org, b, run().cost("0.01").ms(10).phase(ExecutionPhase.COMPLETED));
    create(store, org, b, run().cost("0.02").ms(20).phase(ExecutionPhase.COMPLETED));
    create(store, org, b, run().cost("0.03").ms(30).phase(ExecutionPhase.COMPLETED));
    create(store, org, c, run().cost("9").ms(5).phase(ExecutionPhase.COMPLETED));
    Query done = Query.builder().org(org).phase(ExecutionPhase.COMPLETED).build();
    Aggregation byAgent = Aggregation.groupBy("spec.agentId").count().sum(COST).avg(MS);

    AggregateResult bySum = store.agentExecutions().aggregate(done,
        byAgent.orderByDescending("sum(" + COST + ")"));
    assertThat(bySum.rows()).extracting(x -> x.keyText("spec.agentId"))
        .containsExactly(agentOf(c), agentOf(a), agentOf(b));
    AggregateResult.Row first = bySum.rows().get(1);
    assertThat(first.count()).as("the FAILED run is filtered out").isEqualTo(2);
    assertThat(first.sum(COST)).isEqualTo(dec("3.3"));
    assertThat(first.avg(MS)).isEqualTo(dec("200"));

    AggregateResult byCount = store.agentExecutions().aggregate(done,
        byAgent.orderByDescending("count").limit(2));
    assertThat(byCount.truncated()).isTrue();
    assertThat(byCount.rows()).extracting(AggregateResult.Row::count).containsExactly(3L, 2L);
    assertThat(byCount.rows().get(0).keyText("spec.agentId")).isEqualTo(agentOf(b));

    AggregateResult byAvg = store.agentExecutions().aggregate(done, byAgent.orderBy("avg(" + MS
        + ")"));
    assertThat(byAvg.rows()).extracting(x -> x.keyText("spec.agentId"))
        .containsExactly(agentOf(c), agentOf(b), agentOf(a));

    List<String> ids = new ArrayList<>(List.of(agentOf(a), agentOf(b), agentOf(c)));
    ids.sort(null);
    AggregateResult byKey = store.agentExecutions().aggregate(done, byAgent);
    assertThat(byKey.rows()).as("default order: the group key ascending")
        .extracting(x -> x.keyText("spec.agentId")).containsExactlyElementsOf(ids);
    assertThat(store.agentExecutions().aggregate(done, byAgent.orderByDescending("spec.agentId"))
        .rows()).extracting(x -> x.keyText("spec.agentId"))
        .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(store.agentExecutions().aggregate(Query.builder().org(org)
        .where(COST).greaterThan(new BigDecimal("1")).build(), Aggregation.all().count()).rows().get(0)
        .count()).as("an indexed-field filter, as list applies it").isEqualTo(4);
  }

  /** Absent, null, objects and arrays form one null group; values group by JSON type and exact value. */
  @Test
  void absentKeysFormTheirOwnGroupAndValuesGroupByTypeAndExactValue() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    for (String v : List.of("1.5", "1.50", "1", "\"1\"", "\"gold\"", "\"gold\"", "true",
        "null", "{\"x\":1}", "[1]")) {
      create(store, org, s, run().spec("tier", v).cost("1"));
    }
    create(store, org, s, run().cost("1"));

    AggregateResult r = aggregate(org, Aggregation.groupBy("spec.tier").count().sum(COST));

    assertThat(r.rows()).extracting(x -> x.key("spec.tier")).containsExactly(NF.numberNode(
        dec("1")), NF.numberNode(dec("1.5")), NF.textNode("1"), NF.textNode("gold"),
        NF.booleanNode(true), NF.nullNode());
    assertThat(r.rows()).extracting(AggregateResult.Row::count)
        .containsExactly(1L, 2L, 1L, 2L, 1L, 4L);
    assertThat(r.rows().get(5).keyText("spec.tier")).isNull();
    assertThat(r.rows().get(5).sum(COST)).isEqualTo(dec("4"));
    assertThat(aggregate(org, Aggregation.groupBy("spec.tier").count()
        .orderByDescending("spec.tier")).rows()).extracting(x -> x.key("spec.tier"))
        .as("descending: the null group first, as list orders absent fields")
        .startsWith(NF.nullNode(), NF.booleanNode(true));
  }

  /**
   * Rows whose key is one value written differently (1.5, 1.50, 1.500; an object and an array
   * in the null group) aggregate as one group: counts, sums, averages and extremes over all.
   */
  @Test
  void aKeyWrittenDifferentlyAggregatesAsOneGroup() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    String[][] runs = {{"1.5", "1"}, {"1.50", "5"}, {"1.500", "3"}, {"{\"x\":1}", "2"},
        {"[1]", "4"}, {null, "6"}};
    for (String[] r : runs) {
      create(store, org, s, r[0] == null ? run().cost(r[1]) : run().spec("tier", r[0])
          .cost(r[1]));
    }

    AggregateResult r = aggregate(org, Aggregation.groupBy("spec.tier").count().sum(COST)
        .avg(COST).min(COST).max(COST));

    assertThat(r.rows()).extracting(x -> x.key("spec.tier"))
        .containsExactly(NF.numberNode(dec("1.5")), NF.nullNode());
    AggregateResult.Row number = r.rows().get(0);
    assertThat(number.count()).isEqualTo(3L);
    assertThat(number.sum(COST)).isEqualTo(dec("9"));
    assertThat(number.avg(COST)).isEqualTo(dec("3"));
    assertThat(number.numbers(COST)).isEqualTo(3L);
    assertThat(number.min(COST).decimalValue()).isEqualTo(dec("1"));
    assertThat(number.max(COST).decimalValue()).isEqualTo(dec("5"));
    AggregateResult.Row none = r.rows().get(1);
    assertThat(none.count()).isEqualTo(3L);
    assertThat(none.sum(COST)).isEqualTo(dec("12"));
    assertThat(none.avg(COST)).isEqualTo(dec("4"));
    assertThat(none.min(COST).decimalValue()).isEqualTo(dec("2"));
    assertThat(none.max(COST).decimalValue()).isEqualTo(dec("6"));
    assertThat(aggregate(org, Aggregation.groupBy("spec.tier").count().sum(COST)
        .orderByDescending("sum(" + COST + ")")).rows()).extracting(x -> x.key("spec.tier"))
        .as("ordered by the merged sums").containsExactly(NF.nullNode(),
            NF.numberNode(dec("1.5")));
  }

  /**
   * A key written differently (1.5, 1.50, 1.500; an object, an array and absent in the null
   * group) takes its earliest and latest timestamp over all its rows, whichever spelling holds
   * them.
   */
  @Test
  void aKeyWrittenDifferentlyTakesItsExtremeTimestampsOverAllItsRows() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    create(store, org, s, run().spec("tier", "1.5").started("2024-01-02T00:00:00Z"));
    create(store, org, s, run().spec("tier", "1.50").started("2024-01-01T00:00:00Z"));
    create(store, org, s, run().spec("tier", "1.500").started("2024-01-03T00:00:00Z"));
    create(store, org, s, run().spec("tier", "{\"x\":1}").started("2024-02-02T00:00:00Z"));
    create(store, org, s, run().spec("tier", "[1]").started("2024-02-01T00:00:00Z"));
    create(store, org, s, run().started("2024-02-03T00:00:00Z"));

    AggregateResult r = aggregate(org, Aggregation.groupBy("spec.tier").min("status.startedAt")
        .max("status.startedAt"));

    assertThat(r.rows()).extracting(x -> x.key("spec.tier"))
        .containsExactly(NF.numberNode(dec("1.5")), NF.nullNode());
    assertThat(r.rows()).extracting(x -> x.min("status.startedAt").asText() + ".."
        + x.max("status.startedAt").asText())
        .containsExactly("2024-01-01T00:00:00Z..2024-01-03T00:00:00Z",
            "2024-02-01T00:00:00Z..2024-02-03T00:00:00Z");
  }

  /** A string key with escapes in its JSON text groups and orders by the string itself. */
  @Test
  void stringKeysWithEscapesGroupByTheirText() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    for (String v : List.of("\"a\\\"b\"", "\"a\\nb\"", "\"a\\\"b\"", "\"a\\u00e9\"")) {
      create(store, org, s, run().spec("tier", v).cost("1"));
    }

    AggregateResult r = aggregate(org, Aggregation.groupBy("spec.tier").count());

    assertThat(r.rows()).extracting(x -> x.keyText("spec.tier"))
        .as("bytewise: newline, then quote, then the accented letter")
        .containsExactly("a\nb", "a\"b", "a\u00e9");
    assertThat(r.rows()).extracting(AggregateResult.Row::count).containsExactly(1L, 2L, 1L);
  }

  /** Sum and avg read numbers only; min and max read numbers, else timestamps as instants. */
  @Test
  void nonNumericValuesAreIgnoredAndTimestampsCompareAsInstants() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    create(store, org, s, run().spec("score", "1").spec("when", "\"2024-01-01T12:00:00.5Z\"")
        .started("2024-01-01T12:00:00.5Z"));
    create(store, org, s, run().spec("score", "\"2\"").spec("when", "\"2024-01-01T12:00:00Z\"")
        .started("2024-01-01T12:00:00Z"));
    create(store, org, s, run().spec("score", "true").spec("when", "\"not a time\"")
        .started("2023-12-31T23:59:59.999999Z"));
    create(store, org, s, run().spec("score", "2.5").spec("when", "7"));
    create(store, org, s, run());

    AggregateResult.Row row = aggregate(org, Aggregation.all().sum("spec.score")
        .avg("spec.score").min("spec.score").max("spec.score").min("status.startedAt")
        .max("status.startedAt").min("spec.when").sum("spec.when")).rows().get(0);

    assertThat(row.sum("spec.score")).isEqualTo(dec("3.5"));
    assertThat(row.numbers("spec.score")).isEqualTo(2);
    assertThat(row.avg("spec.score")).isEqualTo(dec("1.75"));
    assertThat(row.min("spec.score")).isEqualTo(NF.numberNode(dec("1")));
    assertThat(row.max("spec.score")).isEqualTo(NF.numberNode(dec("2.5")));
    assertThat(row.min("status.startedAt")).isEqualTo(NF.textNode("2023-12-31T23:59:59.999999Z"));
    assertThat(row.max("status.startedAt")).as("12:00:00.5 is after 12:00:00")
        .isEqualTo(NF.textNode("2024-01-01T12:00:00.500Z"));
    assertThat(row.min("spec.when")).as("a group with a number takes the numbers")
        .isEqualTo(NF.numberNode(dec("7")));
    assertThat(row.sum("spec.when")).isEqualTo(dec("7"));

    AggregateResult.Row none = aggregate(org, Aggregation.all().sum("spec.absent")
        .avg("spec.absent").min("spec.absent")).rows().get(0);
    assertThat(none.sum("spec.absent")).as("a sum of no numbers is zero").isEqualTo(dec("0"));
    assertThat(none.avg("spec.absent")).as("an average of no numbers is null").isNull();
    assertThat(none.numbers("spec.absent")).isZero();
    assertThat(none.min("spec.absent").isNull()).isTrue();
  }

  /** Order by an aggregate both ways: no value is greatest, an empty sum is zero, keys break ties. */
  @Test
  void orderByAggregatesWithMissingValues() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    create(store, org, s, run().spec("g", "\"a\"").cost("1"));
    create(store, org, s, run().spec("g", "\"a\"").cost("5"));
    create(store, org, s, run().spec("g", "\"b\"").cost("3"));
    create(store, org, s, run().spec("g", "\"c\""));
    Aggregation base = Aggregation.groupBy("spec.g").count().sum(COST).avg(COST).min(COST)
        .max(COST);

    assertThat(groups(org, base.orderBy("min(" + COST + ")"))).containsExactly("a", "b", "c");
    assertThat(groups(org, base.orderByDescending("min(" + COST + ")")))
        .containsExactly("c", "b", "a");
    assertThat(groups(org, base.orderBy("avg(" + COST + ")"))).as("a and b tie at 3")
        .containsExactly("a", "b", "c");
    assertThat(groups(org, base.orderByDescending("avg(" + COST + ")")))
        .containsExactly("c", "a", "b");
    assertThat(groups(org, base.orderByDescending("max(" + COST + ")")))
        .containsExactly("c", "a", "b");
    assertThat(groups(org, base.orderBy("sum(" + COST + ")"))).containsExactly("c", "b", "a");
    assertThat(groups(org, base.orderByDescending("count").orderByDescending("spec.g")))
        .containsExactly("a", "c", "b");
    assertThat(groups(org, base.orderBy("max(" + COST + ")").limit(1))).containsExactly("b");
  }

  /**
   * Groups tied on the ordering aggregate come in the order of every group key, the first key
   * first, then the second, each ascending.
   */
  @Test
  void tiesOfAnOrderingAggregateBreakByTheKeysInTheirOrder() {
    String org = newOrg().id();
    Session s = newSession(store, org);
    create(store, org, s, run().spec("g", "\"z\"").spec("h", "0"));
    create(store, org, s, run().spec("g", "\"z\"").spec("h", "0"));
    create(store, org, s, run().spec("g", "\"y\"").spec("h", "1"));
    create(store, org, s, run().spec("g", "\"x\"").spec("h", "2"));

    AggregateResult r = aggregate(org, Aggregation.groupBy("spec.g", "spec.h").count()
        .orderByDescending("count"));

    assertThat(r.rows()).extracting(x -> x.keyText("spec.g") + x.keyText("spec.h") + "="
        + x.count()).as("x before y: the first key breaks the tie, not the second")
        .containsExactly("z0=2", "x2=1", "y1=1");
  }

  private List<String> groups(String org, Aggregation a) {
    return aggregate(org, a).rows().stream().map(r -> r.keyText("spec.g")).toList();
  }

  /** Workflow executions group by their phase column and workflow reference. */
  @Test
  void workflowExecutionsGroupByPhaseAndWorkflow() {
    String org = newOrg().id();
    var one = newWorkflowExecution(store, org);
    var two = newWorkflowExecution(store, org);
    store.workflowExecutions().transition(two.id(), ExecutionPhase.COMPLETED);
    AggregateResult r = store.workflowExecutions().aggregate(Query.builder().org(org).build(),
        Aggregation.groupBy("status.phase").count());
    assertThat(r.rows()).extracting(x -> x.keyText("status.phase") + "=" + x.count())
        .containsExactly("COMPLETED=1", "PENDING=1");
    AggregateResult byWorkflow = store.workflowExecutions().aggregate(Query.builder().org(org)
        .phase(ExecutionPhase.PENDING).build(), Aggregation.groupBy("spec.workflowId").count());
    assertThat(byWorkflow.rows()).extracting(x -> x.keyText("spec.workflowId"))
        .containsExactly(one.spec().workflowId());
  }

  /** No matching row: no groups, or one all-zero row without grouping. */
  @Test
  void emptyResults() {
    String org = newOrg().id();
    AggregateResult grouped = aggregate(org, Aggregation.groupBy("spec.agentId").count());
    assertThat(grouped.rows()).isEmpty();
    assertThat(grouped.truncated()).isFalse();
    AggregateResult.Row row = aggregate(org, Aggregation.all().count().sum(COST).avg(COST)
        .max(COST)).rows().get(0);
    assertThat(row.count()).isZero();
    assertThat(row.sum(COST)).isEqualTo(dec("0"));
    assertThat(row.avg(COST)).isNull();
    assertThat(row.max(COST).isNull()).isTrue();
  }

  /** Phase, labels and org group keys; a tenant view aggregates only its org. */
  @Test
  void envelopeKeysAndOrgIsolation() {
    String orgA = newOrg().id();
    String orgB = newOrg().id();
    Session sa = newSession(store, orgA);
    Session sb = newSession(store, orgB);
    create(store, orgA, sa, run().team("red").cost("1").phase(ExecutionPhase.COMPLETED));
    create(store, orgA, sa, run().team("red").cost("2").phase(ExecutionPhase.FAILED));
    create(store, orgA, sa, run().cost("4").phase(ExecutionPhase.COMPLETED));
    create(store, orgB, sb, run().team("blue").cost("8").phase(ExecutionPhase.COMPLETED));

    AggregateResult byPhase = store.agentExecutions().aggregate(Query.builder().build(),
        Aggregation.groupBy("status.phase", "metadata.labels.team").count().sum(COST));
    assertThat(byPhase.rows()).extracting(x -> x.keyText("status.phase") + "/"
        + x.keyText("metadata.labels.team") + "=" + x.sum(COST).toPlainString())
        .containsExactly("COMPLETED/blue=8", "COMPLETED/red=1", "COMPLETED/null=4",
            "FAILED/red=2");

    AggregateResult byOrg = store.agentExecutions().aggregate(Query.builder().build(),
        Aggregation.groupBy("metadata.org").count().orderByDescending("count"));
    assertThat(byOrg.rows()).extracting(x -> x.keyText("metadata.org") + "=" + x.count())
        .containsExactly(orgA + "=3", orgB + "=1");

    AgentStore tenant = store.forOrg(orgA);
    AggregateResult mine = tenant.agentExecutions().aggregate(Query.builder().build(),
        Aggregation.groupBy("metadata.org").count().sum(COST));
    assertThat(mine.rows()).extracting(x -> x.keyText("metadata.org") + "=" + x.sum(COST))
        .containsExactly(orgA + "=7");
    AggregateResult foreign = tenant.agentExecutions().aggregate(Query.builder().org(orgB)
        .build(), Aggregation.all().count().sum(COST));
    assertThat(foreign.rows().get(0).count()).as("another org is not found").isZero();
    assertThat(foreign.rows().get(0).sum(COST)).isEqualTo(dec("0"));
  }

  /** Bad input is an InvalidArgumentException naming what was wrong. */
  @Test
  void badInputIsRejectedBeforeReading() {
    String org = newOrg().id();
    var repo = store.agentExecutions();
    Query q = Query.builder().org(org).build();
    assertBad(() -> repo.aggregate(q, Aggregation.groupBy("spec..x").count()), "spec..x");
    assertBad(() -> repo.aggregate(q, Aggregation.groupBy("foo.bar").count()), "spec.");
    assertBad(() -> repo.aggregate(q, Aggregation.groupBy("metadata.name").count()),
        "metadata.name");
    assertBad(() -> repo.aggregate(q, Aggregation.groupBy("metadata.labels.bad key").count()),
        "metadata.labels.bad key");
    assertBad(() -> repo.aggregate(q, Aggregation.groupBy("status.messages").count()),
        "status.messages");
    assertBad(() -> repo.aggregate(q, Aggregation.all().sum("status.phase")), "not a number");
    assertBad(() -> repo.aggregate(q, Aggregation.all().avg("spec.agentId")), "not a number");
    assertBad(() -> repo.aggregate(q, Aggregation.all().sum("status.startedAt")), "timestamp");
    assertBad(() -> repo.aggregate(q, Aggregation.all().sum("metadata.version")), "spec.");
    assertBad(() -> repo.aggregate(q, Aggregation.all().count().orderBy("sum(" + COST + ")")),
        "sum(" + COST + ")");
    assertBad(() -> repo.aggregate(q, Aggregation.all()), "at least one aggregate");
    assertBad(() -> repo.aggregate(q, null), "aggregation");
    assertBad(() -> repo.aggregate(null, Aggregation.all().count()), "query");
    assertBad(() -> Aggregation.all().count().limit(0), "limit");
    assertBad(() -> Aggregation.all().count().limit(Aggregation.MAX_LIMIT + 1), "limit");
    assertBad(() -> Aggregation.all().count().count(), "twice");
    assertBad(() -> Aggregation.groupBy(), "groupBy");
    assertBad(() -> Aggregation.all().sum(" "), "sum");
    assertBad(() -> store.environments().aggregate(Query.builder().org(org).build(),
        Aggregation.groupBy("spec.data.token.value").count()), "secret");
    assertBad(() -> store.organizations().aggregate(Query.builder().build(),
        Aggregation.groupBy("metadata.org").count()), "no org");
    AggregateResult.Row row = repo.aggregate(q, Aggregation.all().count()).rows().get(0);
    assertBad(() -> row.sum(COST), "sum(" + COST + ")");
    assertBad(() -> row.key("spec.agentId"), "spec.agentId");
  }

  private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      String mentions) {
    assertThatThrownBy(call).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(mentions);
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * Aggregates over a declared kind's declared fields: exact sums (0.1 + 0.2, past 2^53),
   * groups by a declared field (absent its own group), min and max of timestamps as instants,
   * filtered by declared fields.
   */
  @Test
  void aDeclaredKindAggregatesItsDeclaredFieldsExactly() {
    String org = newOrg().id();
    newWidget(store, org, "a", "red", 9007199254740993L, "0.1");
    newWidget(store, org, "b", "red", 9007199254740993L, "0.2");
    newWidget(store, org, "c", "blue", 1, "0.30");
    var widgets = widgets(store);
    Aggregation byColor = Aggregation.groupBy("spec.color").count().sum("spec.price")
        .sum("spec.size").min("spec.price").max("spec.madeAt");
    AggregateResult r = widgets.aggregate(Query.builder().org(org).build(), byColor);
    Map<String, AggregateResult.Row> rows = new LinkedHashMap<>();
    r.rows().forEach(row -> rows.put(row.keyText("spec.color"), row));
    assertThat(rows).containsOnlyKeys("red", "blue");
    assertThat(rows.get("red").count()).isEqualTo(2);
    assertThat(rows.get("red").sum("spec.price")).isEqualTo(new BigDecimal("0.3"));
    assertThat(rows.get("red").sum("spec.size")).isEqualTo(new BigDecimal("18014398509481986"));
    assertThat(rows.get("blue").min("spec.price").decimalValue()).isEqualByComparingTo("0.3");
    assertThat(rows.get("red").max("spec.madeAt").asText()).as("as Instant.toString prints it")
        .isEqualTo("2026-03-01T12:00:00.250Z");
    AggregateResult.Row cheap = widgets.aggregate(Query.builder().org(org)
        .where("spec.price").lessThan(new BigDecimal("0.25")).build(),
        Aggregation.all().count().sum("spec.price")).rows().get(0);
    assertThat(cheap.count()).isEqualTo(2);
    assertThat(cheap.sum("spec.price")).isEqualTo(new BigDecimal("0.3"));
    assertThat(widgets.aggregate(Query.builder().org(newOrg().id()).build(),
        Aggregation.all().count()).rows().get(0).count()).isZero();
  }
}
