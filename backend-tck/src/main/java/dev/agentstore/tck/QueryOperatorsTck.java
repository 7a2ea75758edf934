package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.CustomResource;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.Metadata;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.QueryExplanation;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Query operators beyond equality, identical on every backend: ranges on numbers (exact
 * decimals, also past 2^53 and past the double range) and timestamps (as instants, whatever the
 * fraction digits), {@code in} / {@code not in} with null and absent, list {@code contains},
 * {@code phase in}, inclusive and exclusive createdAt / updatedAt bounds, order by a field
 * (mixed JSON types, absent last, equal keys across page boundaries for page sizes 1 to 7), the
 * indexed execution fields and {@code explain}.
 *
 * <p>Usage: {@code class LocalQueryOperatorsTest extends QueryOperatorsTck { ...newStoreBuilder()... }}
 */
public abstract class QueryOperatorsTck extends TckSupport {
  private static final JsonNodeFactory NF = JsonNodeFactory.withExactBigDecimals(true);

  /** The kind the JSON-path cases of this test run on: an agent or the TCK's declared kind. */
  private Kind target = Kind.AGENT;

  /** The kinds the JSON-path cases run on: a built-in kind and a declared one (own table). */
  static Stream<Kind> targets() {
    return Stream.of(Kind.AGENT, Samples.WIDGET_KIND);
  }

  private ResourceRepository<Resource<?, ?>> repo() {
    return RepositoryTck.creatable(store, target);
  }

  /**
   * Creates a resource of {@link #target} whose spec.envSpec is {@code {"v": value}} (no "v"
   * when value is null): an agent's envSpec, or an undeclared member of a widget's spec.
   */
  private Resource<?, ?> agentWith(String org, String name, JsonNode value) {
    ObjectNode env = NF.objectNode();
    if (value != null) {
      env.set("v", value);
    }
    env.put("name", name);
    if (target.equals(Samples.WIDGET_KIND)) {
      ObjectNode spec = NF.objectNode().put("color", "red");
      spec.set("envSpec", env);
      return repo().create(CustomResource.of(Samples.WIDGET, Metadata.of(org, name), spec));
    }
    return store.agents().create(new Agent(Metadata.of(org, name),
        AgentSpec.builder().instructions("i").envSpec(env).build(), null));
  }

  private static JsonNode num(String decimal) {
    return NF.numberNode(new BigDecimal(decimal));
  }

  private List<String> names(Query q) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      Page<Resource<?, ?>> p = repo().list(q.withPageToken(token));
      p.items().forEach(a -> out.add(a.metadata().name()));
      token = p.nextPageToken();
    } while (token != null);
    return out;
  }

  private Set<String> matching(String org, Consumer<Query.Builder> filter) {
    Query.Builder b = Query.builder().org(org);
    filter.accept(b);
    Query q = b.build();
    List<String> got = names(q);
    assertThat(repo().count(q)).isEqualTo(got.size());
    return new HashSet<>(got);
  }

  /** Numbers: 0.1 + 0.2 style values, 2^53 + 1 and 1e400 compare exactly; other types never. */
  @ParameterizedTest
  @MethodSource("targets")
  void numberRangesAreExactDecimals(Kind target) {
    this.target = target;
    String org = newOrg().id();
    agentWith(org, "p3", num("0.3"));
    agentWith(org, "p3x", num("0.30000000000000004"));
    agentWith(org, "p1", num("0.1"));
    agentWith(org, "big", num("9007199254740992"));
    agentWith(org, "big1", num("9007199254740993"));
    agentWith(org, "huge", num("1e400"));
    agentWith(org, "neg", num("-1.5"));
    agentWith(org, "str", NF.textNode("0.3"));
    agentWith(org, "jnull", NF.nullNode());
    agentWith(org, "absent", null);
    agentWith(org, "bool", NF.booleanNode(true));
    assertThat(matching(org, b -> b.where("spec.envSpec.v").greaterThan(new BigDecimal("0.3"))))
        .containsExactlyInAnyOrder("p3x", "big", "big1", "huge");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v >= 0.3")))
        .containsExactlyInAnyOrder("p3", "p3x", "big", "big1", "huge");
    assertThat(matching(org, b -> b.where("spec.envSpec.v").lessThan(0.3d)))
        .containsExactlyInAnyOrder("p1", "neg");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v <= 0.30")))
        .containsExactlyInAnyOrder("p1", "neg", "p3");
    assertThat(matching(org, b -> b.where("spec.envSpec.v")
        .between(9007199254740992L, 9007199254740992L))).containsExactly("big");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v > 9007199254740992")))
        .containsExactlyInAnyOrder("big1", "huge");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v between 0.30000000000000001 and"
        + " 9007199254740992.5"))).containsExactlyInAnyOrder("p3x", "big");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v > 1e399")))
        .containsExactly("huge");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v < 1e400")))
        .containsExactlyInAnyOrder("p3", "p3x", "p1", "big", "big1", "neg");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v < -1e400"))).isEmpty();
    assertThat(matching(org, b -> b.filter("spec.envSpec.v > -1e400")))
        .containsExactlyInAnyOrder("p3", "p3x", "p1", "big", "big1", "huge", "neg");
  }

  /** Timestamps compare as instants: 12:00:00Z is before 12:00:00.5Z (not so as strings). */
  @ParameterizedTest
  @MethodSource("targets")
  void timestampRangesCompareAsInstants(Kind target) {
    this.target = target;
    String org = newOrg().id();
    agentWith(org, "t0", NF.textNode("2024-01-01T00:00:00Z"));
    agentWith(org, "t5", NF.textNode("2024-01-01T00:00:00.5Z"));
    agentWith(org, "t123", NF.textNode("2024-01-01T00:00:00.123456789Z"));
    agentWith(org, "tprev", NF.textNode("2023-12-31T23:59:59.999999999Z"));
    agentWith(org, "text", NF.textNode("not a time"));
    agentWith(org, "offset", NF.textNode("2024-01-01T01:00:00+01:00"));
    agentWith(org, "number", num("5"));
    agentWith(org, "absent", null);
    assertThat(matching(org, b -> b.filter("spec.envSpec.v > \"2024-01-01T00:00:00Z\"")))
        .containsExactlyInAnyOrder("t5", "t123");
    assertThat(matching(org, b -> b.where("spec.envSpec.v")
        .greaterOrEqual(Instant.parse("2024-01-01T00:00:00Z"))))
        .containsExactlyInAnyOrder("t0", "t5", "t123");
    assertThat(matching(org, b -> b.where("spec.envSpec.v")
        .lessThan(Instant.parse("2024-01-01T00:00:00.123456789Z"))))
        .containsExactlyInAnyOrder("t0", "tprev");
    assertThat(matching(org, b -> b.where("spec.envSpec.v")
        .lessOrEqual(Instant.parse("2024-01-01T00:00:00.123456789Z"))))
        .containsExactlyInAnyOrder("t0", "tprev", "t123");
    assertThat(matching(org, b -> b.range("spec.envSpec.v",
        Instant.parse("2023-12-31T23:59:59.999999999Z"), Instant.parse("2024-01-01T00:00:00.5Z"))))
        .containsExactlyInAnyOrder("tprev", "t0", "t123");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v between \"2024-01-01T00:00:00.000Z\""
        + " and \"2024-01-01T00:00:00.500000000Z\""))).containsExactlyInAnyOrder("t0", "t5", "t123");
  }

  /** in / not in: not in is the negation of in, so absent and null match unless null is listed. */
  @ParameterizedTest
  @MethodSource("targets")
  void inAndNotInWithNullAndAbsent(Kind target) {
    this.target = target;
    String org = newOrg().id();
    agentWith(org, "a", NF.textNode("a"));
    agentWith(org, "b", NF.textNode("b"));
    agentWith(org, "three", num("3"));
    agentWith(org, "threeText", NF.textNode("3"));
    agentWith(org, "yes", NF.booleanNode(true));
    agentWith(org, "jnull", NF.nullNode());
    agentWith(org, "absent", null);
    agentWith(org, "list", NF.arrayNode().add("a"));
    assertThat(matching(org, b -> b.where("spec.envSpec.v").in("a", 3)))
        .containsExactlyInAnyOrder("a", "three");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v in (\"a\", 3.0, true)")))
        .containsExactlyInAnyOrder("a", "three", "yes");
    assertThat(matching(org, b -> b.where("spec.envSpec.v").in("a", null)))
        .containsExactlyInAnyOrder("a", "jnull", "absent");
    assertThat(matching(org, b -> b.where("spec.envSpec.v").notIn("a", 3)))
        .containsExactlyInAnyOrder("b", "threeText", "yes", "jnull", "absent", "list");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v not in (\"a\", null)")))
        .containsExactlyInAnyOrder("b", "three", "threeText", "yes", "list");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v != \"a\"")))
        .containsExactlyInAnyOrder("b", "three", "threeText", "yes", "jnull", "absent", "list");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v != null")))
        .containsExactlyInAnyOrder("a", "b", "three", "threeText", "yes", "list");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v is null")))
        .containsExactlyInAnyOrder("jnull", "absent");
    assertThat(matching(org, b -> b.where("spec.envSpec.v").isNotNull()))
        .containsExactlyInAnyOrder("a", "b", "three", "threeText", "yes", "list");
    // Comparisons and contains never match null or absent.
    assertThat(matching(org, b -> b.filter("spec.envSpec.v < 100"))).containsExactly("three");
    assertThat(matching(org, b -> b.where("spec.envSpec.v").contains("a")))
        .containsExactly("list");
  }

  /** contains: the field is an array of strings holding the string; nothing else matches. */
  @ParameterizedTest
  @MethodSource("targets")
  void containsLooksInStringLists(Kind target) {
    this.target = target;
    String org = newOrg().id();
    agentWith(org, "both", NF.arrayNode().add("network:http").add("fs"));
    agentWith(org, "fs", NF.arrayNode().add("fs"));
    agentWith(org, "scalar", NF.textNode("network:http"));
    agentWith(org, "mixed", NF.arrayNode().add(1).add("network:http"));
    agentWith(org, "nested", NF.arrayNode().add(NF.arrayNode().add("network:http")));
    agentWith(org, "object", NF.objectNode().put("network:http", "x"));
    agentWith(org, "absent", null);
    assertThat(matching(org, b -> b.where("spec.envSpec.v").contains("network:http")))
        .containsExactlyInAnyOrder("both", "mixed");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v contains \"fs\" and"
        + " spec.envSpec.v contains \"network:http\""))).containsExactly("both");
    assertThat(matching(org, b -> b.filter("spec.envSpec.v contains \"NETWORK:HTTP\"")))
        .isEmpty();
  }

  /** createdAt / updatedAt: inclusive and exclusive bounds; the old strict methods still work. */
  @ParameterizedTest
  @MethodSource("targets")
  void createdAndUpdatedRangesAreInclusiveOrExclusive(Kind target) {
    this.target = target;
    String org = newOrg().id();
    Resource<?, ?> a = agentWith(org, "a", null);
    Resource<?, ?> b = agentWith(org, "b", null);
    Resource<?, ?> c = agentWith(org, "c", null);
    Instant tb = b.metadata().createdAt();
    assertThat(matching(org, q -> q.where("metadata.createdAt").greaterOrEqual(tb)))
        .containsExactlyInAnyOrder("b", "c");
    assertThat(matching(org, q -> q.where("metadata.createdAt").greaterThan(tb)))
        .containsExactly("c");
    assertThat(matching(org, q -> q.where("metadata.createdAt").lessOrEqual(tb)))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(matching(org, q -> q.where("metadata.createdAt").lessThan(tb)))
        .containsExactly("a");
    assertThat(matching(org, q -> q.where("createdAt").between(tb, tb))).containsExactly("b");
    assertThat(matching(org, q -> q.range("metadata.createdAt", a.metadata().createdAt(), tb)))
        .containsExactly("a");
    assertThat(matching(org, q -> q.createdAfter(a.metadata().createdAt()).createdBefore(
        c.metadata().createdAt()))).containsExactly("b");
    assertThat(matching(org, q -> q.filter("metadata.createdAt >= \"" + tb + "\"")))
        .containsExactlyInAnyOrder("b", "c");
    Resource<?, ?> cur = repo().get(a.id()).orElseThrow();
    Resource<?, ?> a2 = repo().update(cur.withMetadata(cur.metadata().withLabel("touched", "yes")));
    Instant ua = a2.metadata().updatedAt();
    assertThat(matching(org, q -> q.where("metadata.updatedAt").greaterOrEqual(ua)))
        .containsExactly("a");
    assertThat(matching(org, q -> q.where("metadata.updatedAt").lessThan(ua)))
        .containsExactlyInAnyOrder("b", "c");
    // A bound with a finer part than the stored microsecond still compares exactly.
    Instant finer = tb.plusNanos(1);
    assertThat(matching(org, q -> q.where("metadata.createdAt").lessThan(finer)))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(matching(org, q -> q.where("metadata.createdAt").greaterOrEqual(finer)))
        .containsExactly("c");
  }

  /** One widget of the declared-field case; null is an absent field. */
  private record W(String name, String color, Long size, String price, String madeAt,
      Boolean active, List<String> tags, String agentId) {
    Instant at() {
      return madeAt == null ? null : Instant.parse(madeAt);
    }

    BigDecimal money() {
      return price == null ? null : new BigDecimal(price);
    }
  }

  private void expect(String org, List<W> rows, Consumer<Query.Builder> filter,
      java.util.function.Predicate<W> rule) {
    assertThat(matching(org, filter)).as("the rows the rule selects")
        .isEqualTo(rows.stream().filter(rule).map(W::name).collect(
            java.util.stream.Collectors.toSet()));
  }

  /**
   * The declared fields of a declared kind (key columns, not JSON): every operator on every
   * indexable type, agreeing with a rule computed here (exact decimals, instants, absent is
   * null, not in is the negation of in), and order by each field with absent last, ids as the
   * tie-break and keyset pages of every size giving the same sequence both ways.
   */
  @Test
  void declaredFieldsTakeEveryOperatorAndOrderByKeysetPages() {
    target = Samples.WIDGET_KIND;
    String org = newOrg().id();
    String agent = newAgent(store, org, unique("maker")).id();
    List<W> rows = List.of(
        new W("w1", "red", 1L, "0.1", "2026-01-01T00:00:00Z", true, List.of("a", "b"), agent),
        new W("w2", "green", 2L, "0.30", "2026-01-01T00:00:00.5Z", false, List.of("b"), null),
        new W("w3", "blue", 2L, "0.3", "2026-01-02T00:00:00Z", true, List.of(), agent),
        new W("w4", "red", 9007199254740993L, "9007199254740992.5",
            "2025-12-31T23:59:59.999999999Z", false, List.of("a"), null),
        new W("w5", "green", -5L, "-1.5", null, null, null, null),
        new W("w6", "red", null, null, "2026-01-01T00:00:00.123Z", true, List.of("c"), null),
        new W("w7", "blue", 2L, "0.300", "2026-01-01T00:00:00.000000Z", false, null, null));
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    for (W w : rows) {
      ObjectNode spec = NF.objectNode().put("color", w.color()).put("code", w.name());
      if (w.size() != null) {
        spec.put("size", w.size());
      }
      if (w.price() != null) {
        spec.put("price", new BigDecimal(w.price()));
      }
      if (w.madeAt() != null) {
        spec.put("madeAt", w.madeAt());
      }
      if (w.active() != null) {
        spec.put("active", w.active());
      }
      if (w.tags() != null) {
        var tags = spec.putArray("tags");
        w.tags().forEach(tags::add);
      }
      if (w.agentId() != null) {
        spec.put("agentId", w.agentId());
      }
      ids.put(w.name(), repo().create(CustomResource.of(Samples.WIDGET,
          Metadata.of(org, w.name()), spec)).id());
    }
    // integers, past 2^53
    expect(org, rows, b -> b.where("spec.size").greaterThan(1),
        w -> w.size() != null && w.size() > 1);
    expect(org, rows, b -> b.filter("spec.size >= 2"), w -> w.size() != null && w.size() >= 2);
    expect(org, rows, b -> b.where("spec.size").lessThan(2), w -> w.size() != null && w.size() < 2);
    expect(org, rows, b -> b.where("spec.size").lessOrEqual(new BigDecimal("2.0")),
        w -> w.size() != null && w.size() <= 2);
    expect(org, rows, b -> b.where("spec.size").between(2, 9007199254740992L),
        w -> w.size() != null && w.size() >= 2 && w.size() <= 9007199254740992L);
    expect(org, rows, b -> b.filter("spec.size > 9007199254740992"),
        w -> w.size() != null && w.size() > 9007199254740992L);
    expect(org, rows, b -> b.where("spec.size", 2), w -> Long.valueOf(2).equals(w.size()));
    expect(org, rows, b -> b.where("spec.size").in(1, 2), w -> w.size() != null
        && (w.size() == 1 || w.size() == 2));
    expect(org, rows, b -> b.where("spec.size").notIn(2), w -> !Long.valueOf(2).equals(w.size()));
    expect(org, rows, b -> b.filter("spec.size != 2"), w -> !Long.valueOf(2).equals(w.size()));
    expect(org, rows, b -> b.isNull("spec.size"), w -> w.size() == null);
    expect(org, rows, b -> b.isNotNull("spec.size"), w -> w.size() != null);
    // exact decimals: 0.3 == 0.30 == 0.300
    BigDecimal tenth3 = new BigDecimal("0.3");
    expect(org, rows, b -> b.where("spec.price", tenth3),
        w -> w.money() != null && w.money().compareTo(tenth3) == 0);
    expect(org, rows, b -> b.where("spec.price").greaterThan(tenth3),
        w -> w.money() != null && w.money().compareTo(tenth3) > 0);
    expect(org, rows, b -> b.filter("spec.price <= 0.30"),
        w -> w.money() != null && w.money().compareTo(tenth3) <= 0);
    expect(org, rows, b -> b.where("spec.price").between(new BigDecimal("-1.5"),
        new BigDecimal("0.1")), w -> w.money() != null
        && w.money().compareTo(new BigDecimal("-1.5")) >= 0
        && w.money().compareTo(new BigDecimal("0.1")) <= 0);
    expect(org, rows, b -> b.where("spec.price").notIn(tenth3, new BigDecimal("0.1")),
        w -> w.money() == null || (w.money().compareTo(tenth3) != 0
            && w.money().compareTo(new BigDecimal("0.1")) != 0));
    // timestamps as instants, whatever the fraction digits
    Instant newYear = Instant.parse("2026-01-01T00:00:00Z");
    expect(org, rows, b -> b.where("spec.madeAt").greaterThan(newYear),
        w -> w.at() != null && w.at().isAfter(newYear));
    expect(org, rows, b -> b.where("spec.madeAt", newYear), w -> newYear.equals(w.at()));
    expect(org, rows, b -> b.filter("spec.madeAt == \"2026-01-01T00:00:00.0Z\""),
        w -> newYear.equals(w.at()));
    Instant second = Instant.parse("2026-01-02T00:00:00Z");
    expect(org, rows, b -> b.where("spec.madeAt").in(newYear, second, null),
        w -> w.at() == null || w.at().equals(newYear) || w.at().equals(second));
    expect(org, rows, b -> b.where("spec.madeAt").notIn(newYear),
        w -> !newYear.equals(w.at()));
    assertThat(repo().explain(Query.builder().where("spec.madeAt").in(newYear, second).build())
        .step("spec.madeAt").orElseThrow().indexed()).as("in on a declared field's keys").isTrue();
    expect(org, rows, b -> b.where("spec.madeAt").lessThan(Instant.parse(
        "2026-01-01T00:00:00.123Z")), w -> w.at() != null && w.at().isBefore(Instant.parse(
            "2026-01-01T00:00:00.123Z")));
    expect(org, rows, b -> b.filter("spec.madeAt >= \"2026-01-01T00:00:00.500Z\""),
        w -> w.at() != null && !w.at().isBefore(Instant.parse("2026-01-01T00:00:00.5Z")));
    expect(org, rows, b -> b.range("spec.madeAt", Instant.parse("2025-12-31T23:59:59.999999999Z"),
        Instant.parse("2026-01-01T00:00:00.5Z")), w -> w.at() != null
        && !w.at().isBefore(Instant.parse("2025-12-31T23:59:59.999999999Z"))
        && w.at().isBefore(Instant.parse("2026-01-01T00:00:00.5Z")));
    // booleans, strings, lists, references
    expect(org, rows, b -> b.where("spec.active", true), w -> Boolean.TRUE.equals(w.active()));
    expect(org, rows, b -> b.where("spec.active", false), w -> Boolean.FALSE.equals(w.active()));
    expect(org, rows, b -> b.isNull("spec.active"), w -> w.active() == null);
    expect(org, rows, b -> b.where("spec.color").in("red", "blue"),
        w -> List.of("red", "blue").contains(w.color()));
    expect(org, rows, b -> b.where("spec.color").notIn("red"), w -> !w.color().equals("red"));
    expect(org, rows, b -> b.filter("spec.color != \"green\""), w -> !w.color().equals("green"));
    expect(org, rows, b -> b.where("spec.tags").contains("a"),
        w -> w.tags() != null && w.tags().contains("a"));
    expect(org, rows, b -> b.filter("spec.tags contains \"b\""),
        w -> w.tags() != null && w.tags().contains("b"));
    expect(org, rows, b -> b.where("spec.agentId", agent), w -> agent.equals(w.agentId()));
    expect(org, rows, b -> b.isNull("spec.agentId"), w -> w.agentId() == null);
    expect(org, rows, b -> b.where("spec.color", "red").where("spec.size").greaterOrEqual(1),
        w -> w.color().equals("red") && w.size() != null && w.size() >= 1);

    // order by each declared field: absent last, ids break ties, desc the exact reverse
    java.util.Map<String, java.util.function.Function<W, Comparable<?>>> keys =
        new java.util.LinkedHashMap<>();
    keys.put("spec.size", W::size);
    keys.put("spec.price", W::money);
    keys.put("spec.madeAt", W::at);
    keys.put("spec.active", W::active);
    keys.put("spec.color", W::color);
    keys.put("spec.code", W::name);
    for (var key : keys.entrySet()) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      java.util.Comparator<Comparable> values =
          java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder());
      java.util.Comparator<W> byKey = java.util.Comparator.comparing(
          (W w) -> (Comparable) key.getValue().apply(w), values)
          .thenComparing((W w) -> ids.get(w.name()));
      List<String> asc = rows.stream().sorted(byKey).map(W::name).toList();
      List<String> desc = new ArrayList<>(asc);
      java.util.Collections.reverse(desc);
      for (int size = 1; size <= 3; size++) {
        assertThat(names(Query.builder().org(org).orderBy(key.getKey(), false).pageSize(size)
            .build())).as(key.getKey() + " page size " + size).containsExactlyElementsOf(asc);
        assertThat(names(Query.builder().org(org).orderBy(key.getKey(), true).pageSize(size)
            .build())).as(key.getKey() + " desc, page size " + size)
            .containsExactlyElementsOf(desc);
      }
    }
    // filtered and ordered at once, paged
    assertThat(names(Query.builder().org(org).where("spec.size").greaterOrEqual(1)
        .orderBy("spec.price", true).pageSize(2).build()))
        .containsExactlyElementsOf(rows.stream().filter(w -> w.size() != null && w.size() >= 1)
            .sorted(java.util.Comparator.comparing(W::money)
                .thenComparing((W w) -> ids.get(w.name())).reversed()).map(W::name).toList());
  }

  /** phase in (...): builder and text, on the indexed phase column. */
  @Test
  void phaseInSelectsAnyOfThePhases() {
    String org = newOrg().id();
    AgentExecution pending = newAgentExecution(store, org);
    AgentExecution running = newAgentExecution(store, org);
    store.agentExecutions().transition(running.id(), ExecutionPhase.IN_PROGRESS);
    AgentExecution waiting = newAgentExecution(store, org);
    store.agentExecutions().transition(waiting.id(), ExecutionPhase.IN_PROGRESS);
    store.agentExecutions().transition(waiting.id(), ExecutionPhase.WAITING);
    AgentExecution done = newAgentExecution(store, org);
    store.agentExecutions().transition(done.id(), ExecutionPhase.COMPLETED);
    assertThat(executionIds(Query.builder().org(org)
        .phaseIn(ExecutionPhase.PENDING, ExecutionPhase.IN_PROGRESS).build()))
        .containsExactlyInAnyOrder(pending.id(), running.id());
    assertThat(executionIds(Query.builder().org(org)
        .filter("phase in (WAITING, \"COMPLETED\")").build()))
        .containsExactlyInAnyOrder(waiting.id(), done.id());
    assertThat(executionIds(Query.builder().org(org).filter("phase == WAITING").build()))
        .containsExactly(waiting.id());
    assertThat(store.agentExecutions().explain(Query.builder().org(org)
        .phaseIn(ExecutionPhase.WAITING).build()).step("phase").orElseThrow().indexed()).isTrue();
    assertThatThrownBy(() -> store.agents().list(Query.builder()
        .phaseIn(ExecutionPhase.PENDING).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("phase");
  }

  private List<String> executionIds(Query q) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      Page<AgentExecution> p = store.agentExecutions().list(q.withPageToken(token));
      p.items().forEach(a -> out.add(a.id()));
      token = p.nextPageToken();
    } while (token != null);
    return out;
  }

  /**
   * Order by a field with every JSON type: numbers (exact) < strings (code point order) <
   * booleans (false < true) < objects and arrays < absent and null; id breaks ties; descending
   * is the exact reverse; every page size gives the same sequence.
   */
  @ParameterizedTest
  @MethodSource("targets")
  void orderByAFieldSortsMixedTypesInTheDocumentedOrder(Kind target) {
    this.target = target;
    String org = newOrg().id();
    List<String> expected = new ArrayList<>();
    // in ascending order of value; equal values are created in id order
    String[][] values = {
        {"n-neg", "-1"}, {"n-p1", "0.1"}, {"n-p3", "0.3"}, {"n-p3x", "0.30000000000000004"},
        {"n-big", "9007199254740992"}, {"n-big1", "9007199254740993"}, {"n-huge", "1e400"},
    };
    for (String[] v : values) {
      agentWith(org, v[0], num(v[1]));
      expected.add(v[0]);
    }
    agentWith(org, "s-upper", NF.textNode("Zebra"));
    agentWith(org, "s-a", NF.textNode("a"));
    agentWith(org, "s-b", NF.textNode("b"));
    agentWith(org, "s-accent", NF.textNode("\u00e9"));
    expected.addAll(List.of("s-upper", "s-a", "s-b", "s-accent"));
    agentWith(org, "b-false", NF.booleanNode(false));
    agentWith(org, "b-true", NF.booleanNode(true));
    expected.addAll(List.of("b-false", "b-true"));
    List<String> containers = new ArrayList<>();
    containers.add(agentWith(org, "c-obj", NF.objectNode().put("x", 1)).id());
    containers.add(agentWith(org, "c-arr", NF.arrayNode().add(1)).id());
    List<String> absents = new ArrayList<>();
    absents.add(agentWith(org, "z-null", NF.nullNode()).id());
    absents.add(agentWith(org, "z-absent", null).id());
    absents.add(agentWith(org, "z-absent2", null).id());
    List<String> asc = new ArrayList<>(expected);
    asc.addAll(namesById(containers));
    asc.addAll(namesById(absents));
    for (int size = 1; size <= 7; size++) {
      assertThat(names(Query.builder().org(org).orderBy("spec.envSpec.v", false).pageSize(size)
          .build())).as("page size " + size).containsExactlyElementsOf(asc);
      List<String> desc = new ArrayList<>(asc);
      java.util.Collections.reverse(desc);
      assertThat(names(Query.builder().org(org).orderBy("spec.envSpec.v", true).pageSize(size)
          .build())).as("descending, page size " + size).containsExactlyElementsOf(desc);
    }
    // With a filter: only the numbers, by value.
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.v > 0").orderBy(
        "spec.envSpec.v", true).pageSize(2).build()))
        .containsExactly("n-huge", "n-big1", "n-big", "n-p3x", "n-p3", "n-p1");
  }

  private List<String> namesById(List<String> ids) {
    return ids.stream().sorted().map(id -> repo().get(id).orElseThrow().metadata().name())
        .toList();
  }

  /** Many equal sort keys at page boundaries: no duplicates, no skips, ids ascending within a key. */
  @ParameterizedTest
  @MethodSource("targets")
  void equalSortKeysAcrossPageBoundaries(Kind target) {
    this.target = target;
    String org = newOrg().id();
    List<Resource<?, ?>> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      JsonNode v = switch (i % 4) {
        case 0 -> num("1.0");
        case 1 -> num("1");
        case 2 -> NF.textNode("k");
        default -> null;
      };
      all.add(agentWith(org, "eq-" + i, v));
    }
    for (boolean desc : new boolean[] {false, true}) {
      List<String> whole = names(Query.builder().org(org).orderBy("spec.envSpec.v", desc)
          .pageSize(1000).build());
      assertThat(whole).hasSize(23).doesNotHaveDuplicates();
      for (int size = 1; size <= 7; size++) {
        assertThat(names(Query.builder().org(org).orderBy("spec.envSpec.v", desc)
            .pageSize(size).build())).as("page size " + size + (desc ? " desc" : ""))
            .containsExactlyElementsOf(whole);
      }
    }
    // Within one key, ids ascend (ascending order).
    List<String> ones = all.stream().filter(a -> {
      int i = Integer.parseInt(a.metadata().name().substring(3));
      return i % 4 < 2;
    }).map(Resource::id).sorted().map(id -> repo().get(id).orElseThrow().metadata().name())
        .toList();
    assertThat(names(Query.builder().org(org).orderBy("spec.envSpec.v", false).pageSize(3)
        .build()).subList(0, ones.size())).containsExactlyElementsOf(ones);
  }

  private AgentExecution runWith(String org, String cost, Long tokens, Instant started) {
    AgentExecution e = newAgentExecution(store, org);
    Usage.Builder u = Usage.builder();
    if (cost != null) {
      u.costUsd(new BigDecimal(cost));
    }
    if (tokens != null) {
      u.inputTokens(tokens);
    }
    var status = e.status().toBuilder().usage(cost == null && tokens == null ? null : u.build())
        .startedAt(started).build();
    return store.agentExecutions().updateStatus(e.withStatus(status));
  }

  /** The indexed execution fields filter and sort exactly, and explain says they are indexed. */
  @Test
  void indexedExecutionFieldsFilterAndSortExactly() {
    String org = newOrg().id();
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    AgentExecution a = runWith(org, "0.3", 10L, t0);
    AgentExecution b = runWith(org, "0.30000000000000004", 9007199254740993L,
        t0.plusMillis(500));
    AgentExecution c = runWith(org, "0.1", 9007199254740992L, t0.plusNanos(123456789));
    AgentExecution d = runWith(org, null, null, null);
    AgentExecution e = runWith(org, "0.30", 10L, t0.minusNanos(1));
    Query gt = Query.builder().org(org).where("status.usage.costUsd")
        .greaterThan(new BigDecimal("0.3")).build();
    assertThat(executionIds(gt)).containsExactly(b.id());
    assertThat(executionIds(Query.builder().org(org).filter("status.usage.costUsd == 0.3")
        .build())).containsExactlyInAnyOrder(a.id(), e.id());
    assertThat(executionIds(Query.builder().org(org)
        .filter("status.usage.inputTokens > 9007199254740992").build()))
        .containsExactly(b.id());
    assertThat(executionIds(Query.builder().org(org)
        .range("status.startedAt", t0, t0.plusMillis(500)).build()))
        .containsExactlyInAnyOrder(a.id(), c.id());
    assertThat(executionIds(Query.builder().org(org).where("status.startedAt").isNull()
        .build())).containsExactly(d.id());
    for (int size = 1; size <= 7; size++) {
      assertThat(executionIds(Query.builder().org(org).orderBy("status.startedAt", false)
          .pageSize(size).build())).containsExactly(e.id(), a.id(), c.id(), b.id(), d.id());
      assertThat(executionIds(Query.builder().org(org).orderBy("status.startedAt", true)
          .pageSize(size).build())).containsExactly(d.id(), b.id(), c.id(), a.id(), e.id());
      List<String> byCost = executionIds(Query.builder().org(org)
          .orderBy("status.usage.costUsd", false).pageSize(size).build());
      List<String> equal = java.util.stream.Stream.of(a.id(), e.id()).sorted().toList();
      assertThat(byCost).containsExactly(c.id(), equal.get(0), equal.get(1), b.id(), d.id());
    }
    QueryExplanation x = store.agentExecutions().explain(gt.toBuilder()
        .where("spec.config.model").eq("tck-model").orderBy("status.startedAt", true).build());
    assertThat(x.step("status.usage.costUsd").orElseThrow().indexed()).isTrue();
    assertThat(x.step("status.startedAt").orElseThrow().indexed()).isTrue();
    assertThat(x.step("spec.config.model").orElseThrow().indexed()).isFalse();
    assertThat(x.fullyIndexed()).isFalse();
    // The undeclared field still filters, on the JSON.
    assertThat(executionIds(gt.toBuilder().where("spec.config.model").eq("tck-model").build()))
        .containsExactly(b.id());
    // A workflow execution's startedAt is indexed too; an agent's fields are not.
    assertThat(store.workflowExecutions().explain(Query.builder()
        .orderBy("status.startedAt", false).build()).fullyIndexed()).isTrue();
    assertThat(store.agents().explain(Query.builder().where("spec.envSpec.v").greaterThan(1)
        .build()).step("spec.envSpec.v").orElseThrow().indexed()).isFalse();
  }

  /** A page token of an order by a field belongs to that query only. */
  @ParameterizedTest
  @MethodSource("targets")
  void fieldOrderTokensAreBoundToTheirQuery(Kind target) {
    this.target = target;
    String org = newOrg().id();
    for (int i = 0; i < 3; i++) {
      agentWith(org, "tok-" + i, num(String.valueOf(i)));
    }
    Query byField = Query.builder().org(org).orderBy("spec.envSpec.v", false).pageSize(1).build();
    String token = repo().list(byField).nextPageToken();
    assertThat(token).isNotNull();
    assertThat(repo().list(byField.withPageToken(token)).items()).extracting(
        a -> a.metadata().name()).containsExactly("tok-1");
    for (Query other : List.of(Query.builder().org(org).pageSize(1).build(),
        Query.builder().org(org).orderBy("spec.envSpec.name", false).pageSize(1).build(),
        Query.builder().org(org).orderBy("spec.envSpec.v", true).pageSize(1).build())) {
      assertThatThrownBy(() -> repo().list(other.withPageToken(token)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
    }
    String tampered = token.substring(0, token.length() - 2)
        + (token.endsWith("AA") ? "BA" : "AA");
    assertThatThrownBy(() -> repo().list(byField.withPageToken(tampered)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "spec.envSpec.v > \"abc\"", "spec.envSpec.v > null", "spec.envSpec.v < true",
      "spec.envSpec.v in ()", "spec.envSpec.v in (1, [2])", "spec.envSpec.v contains 3",
      "spec.envSpec.v between 1", "spec.envSpec.v = 1", "spec.envSpec.v ~ 1",
      "spec.envSpec.v >= 1 or spec.envSpec.v < 0", "spec.envSpec.v > \"10000-01-01T00:00:00Z\"",
      "spec.envSpec.v > \"2024-01-01T00:00:00+01:00\"", "metadata.createdAt > 5",
      "spec.envSpec.v > \"2024-13-01T00:00:00Z\"", "spec.envSpec.v < \"2023-02-29T00:00:00Z\"",
      "spec.envSpec.v >= \"2024-01-01T24:00:00Z\"",
      "metadata.createdAt in (\"2024-01-01T00:00:00Z\")", "phase in (SLEEPING)", "phase > 1",
      "spec.envSpec.v is maybe", "spec.envSpec.v >", "and", "spec.envSpec.v == 1 and",
  })
  void malformedConditionsAreTypedErrors(String expression) {
    assertThatThrownBy(() -> Query.builder().filter(expression).build())
        .isInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("filter", "jsonFilter",
            "metadata.createdAt", "phase"));
  }

  @Test
  void badBuilderInputIsATypedErrorNamingTheField() {
    assertThatThrownBy(() -> Query.builder().where("spec.x").greaterThan("abc"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.x");
    assertThatThrownBy(() -> Query.builder().where("spec.x").lessThan(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.x");
    assertThatThrownBy(() -> Query.builder().where("spec.x").in())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.x");
    assertThatThrownBy(() -> Query.builder().where("spec.x").contains(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.x");
    assertThatThrownBy(() -> Query.builder().where("metadata.createdAt").greaterThan(5))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.createdAt");
    assertThatThrownBy(() -> Query.builder().where("metadata.createdAt")
        .greaterThan(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.createdAt");
    assertThatThrownBy(() -> Query.builder().where("spec.x").greaterThan(Double.NaN))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.x");
    Object[] many = new Object[Query.MAX_JSON_FILTERS + 1];
    java.util.Arrays.fill(many, "v");
    assertThatThrownBy(() -> Query.builder().where("spec.x").in(many).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("jsonFilters");
    Query.Builder bounds = Query.builder();
    for (int i = 0; i <= Query.MAX_TIME_BOUNDS; i++) {
      bounds.where("metadata.updatedAt").lessThan(Instant.parse("2024-01-01T00:00:00Z"));
    }
    assertThatThrownBy(bounds::build).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("timeBounds");
    assertThatThrownBy(() -> Query.builder().orderBy("spec.x..y", false))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("jsonPath");
    // Checked against the kind before the database: secrets and execution history.
    assertThatThrownBy(() -> store.environments().list(Query.builder()
        .orderBy("spec.data.TOKEN.value", false).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec.data");
    assertThatThrownBy(() -> store.agentExecutions().explain(Query.builder()
        .where("status.messages.x").greaterThan(1).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("status.messages");
  }
}
