package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Metadata;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.QueryExplanation;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.Environment;
import dev.agentstore.model.EnvironmentSpec;
import dev.agentstore.model.EnvironmentValue;
import dev.agentstore.model.ExecutionPhase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Queries: label selectors with every operator, JSON path equality on spec/status, time ranges,
 * ordering, keyset pages, and page tokens that are forged, tampered, foreign or expired.
 *
 * <p>Usage: {@code class LocalQueryTest extends QueryTck { ...newStoreBuilder()... }}
 */
public abstract class QueryTck extends TckSupport {

  private Agent agent(String org, String name, Map<String, String> labels, AgentSpec spec) {
    return store.agents().create(new Agent(Metadata.of(org, name).withLabels(labels), spec,
        null));
  }

  private List<String> names(Query q) {
    return names(store, q);
  }

  /** The names of the agents {@code q} lists in {@code s}, page by page. */
  private static List<String> names(AgentStore s, Query q) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      Page<Agent> p = s.agents().list(q.withPageToken(token));
      p.items().forEach(a -> out.add(a.metadata().name()));
      token = p.nextPageToken();
    } while (token != null);
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "env=prod; a,b",
      "env==prod; a,b",
      "env!=prod; c,d",
      "env in (prod,dev); a,b,c",
      "env notin (prod); c,d",
      "tier; a,c",
      "!tier; b,d",
      "env=prod,tier=gold; a",
      "env=prod,!tier; b",
      "app.kubernetes.io/name=web; d",
      "empty=; c",
  })
  void labelSelectorsFollowKubernetes(String selector, String expected) {
    String org = newOrg().id();
    AgentSpec spec = AgentSpec.builder().instructions("x").build();
    agent(org, "a", Map.of("env", "prod", "tier", "gold"), spec);
    agent(org, "b", Map.of("env", "prod"), spec);
    agent(org, "c", Map.of("env", "dev", "tier", "free", "empty", ""), spec);
    agent(org, "d", Map.of("app.kubernetes.io/name", "web"), spec);
    Query q = Query.builder().org(org).labelSelector(selector).build();
    assertThat(names(q)).containsExactly(expected.split(","));
    assertThat(store.agents().count(q)).isEqualTo(expected.split(",").length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"env=", "=prod", "env in prod", "env notin ()", "-bad=x", "a b",
      "env=pr od", "k=v,", "x/=1", "UPPER.Case/name=x", "env=" + "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"})
  void malformedSelectorsAreRejected(String selector) {
    if (selector.equals("env=")) {
      // "env=" is valid Kubernetes syntax (the empty value); it must parse, not fail.
      assertThat(Query.builder().labelSelector(selector).build().labelSelector()).isNotNull();
      return;
    }
    assertThatThrownBy(() -> Query.builder().labelSelector(selector).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labelSelector");
  }

  @Test
  void jsonPathEqualityMatchesTypeAndValue() {
    String org = newOrg().id();
    var nf = JsonNodeFactory.withExactBigDecimals(true);
    var env = nf.objectNode();
    env.put("model", "gpt-x").put("temperature", new BigDecimal("0.25")).put("retries", 3)
        .put("stream", true).putNull("fallback").put("three", "3");
    env.putObject("odd.key").put("v", "dot");
    agent(org, "json-a", Map.of(), AgentSpec.builder().description("d").instructions("i")
        .envSpec(env).build());
    agent(org, "json-b", Map.of(), AgentSpec.builder().description("d").instructions("i")
        .envSpec(nf.objectNode().put("model", "other").put("retries", 3.0).put("stream", false))
        .build());
    assertThat(names(Query.builder().org(org).where("spec.envSpec.model", "gpt-x").build()))
        .containsExactly("json-a");
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.temperature == 0.25")
        .build())).containsExactly("json-a");
    assertThat(names(Query.builder().org(org).where("spec.envSpec.retries", 3).build()))
        .containsExactly("json-a", "json-b");
    assertThat(names(Query.builder().org(org).where("spec.envSpec.stream", true).build()))
        .containsExactly("json-a");
    // json-a holds an explicit null, json-b has no such field: the same to a filter.
    assertThat(names(Query.builder().org(org).where("spec.envSpec.fallback", null).build()))
        .containsExactly("json-a", "json-b");
    assertThat(names(Query.builder().org(org).where("spec.envSpec.three", 3).build()))
        .isEmpty();
    assertThat(names(Query.builder().org(org).where("spec.envSpec.three", "3").build()))
        .containsExactly("json-a");
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.\"odd.key\".v == \"dot\"")
        .build())).containsExactly("json-a");
    assertThat(names(Query.builder().org(org).where("spec.description", "d").build()))
        .containsExactly("json-a", "json-b");
    assertThat(names(Query.builder().org(org).where("spec.missing", "d").build())).isEmpty();
  }

  /** Null and absent are the same to every filter; isNull/isNotNull say so explicitly. */
  @Test
  void nullAndAbsentFieldsAreTheSame() {
    String org = newOrg().id();
    var nf = JsonNodeFactory.withExactBigDecimals(true);
    var withNull = nf.objectNode().putNull("error");
    withNull.putArray("list").add(1).add(2);
    agent(org, "explicit-null", Map.of(), AgentSpec.builder().instructions("i")
        .envSpec(withNull).build());
    agent(org, "absent", Map.of(), AgentSpec.builder().instructions("i")
        .envSpec(nf.objectNode().put("other", 1)).build());
    agent(org, "no-env", Map.of(), AgentSpec.builder().instructions("i").build());
    agent(org, "present", Map.of(), AgentSpec.builder().instructions("i")
        .envSpec(nf.objectNode().put("error", "boom")).build());
    agent(org, "falsy", Map.of(), AgentSpec.builder().instructions("i")
        .envSpec(nf.objectNode().put("error", false)).build());
    List<String> nullish = List.of("explicit-null", "absent", "no-env");
    assertThat(names(Query.builder().org(org).where("spec.envSpec.error", null).build()))
        .containsExactlyElementsOf(nullish);
    assertThat(names(Query.builder().org(org).isNull("spec.envSpec.error").build()))
        .containsExactlyElementsOf(nullish);
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.error == null").build()))
        .containsExactlyElementsOf(nullish);
    assertThat(store.agents().count(Query.builder().org(org).isNull("spec.envSpec.error")
        .build())).isEqualTo(3);
    assertThat(names(Query.builder().org(org).isNotNull("spec.envSpec.error").build()))
        .containsExactly("present", "falsy");
    assertThat(names(Query.builder().org(org).isNotNull("spec.envSpec").build()))
        .containsExactly("explicit-null", "absent", "present", "falsy");
    // A path through a scalar or an array addresses nothing: segments are object keys only.
    assertThat(names(Query.builder().org(org).isNotNull("spec.instructions.x").build()))
        .isEmpty();
    assertThat(names(Query.builder().org(org).isNull("spec.instructions.x").build()))
        .hasSize(5);
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.list.\"0\" == 1").build()))
        .isEmpty();
    assertThat(names(Query.builder().org(org).isNotNull("spec.envSpec.list.\"1\"").build()))
        .isEmpty();
    // Status is absent altogether on a fresh agent: every status path is null.
    assertThat(names(Query.builder().org(org).isNull("status.error").build())).hasSize(5);
    assertThat(names(Query.builder().org(org).isNotNull("status.error").build())).isEmpty();
  }

  /** Numbers compare as exact decimals on every backend, never through double. */
  @Test
  void numbersCompareAsExactDecimals() {
    String org = newOrg().id();
    var nf = JsonNodeFactory.withExactBigDecimals(true);
    String[][] docs = {
        {"tenth", "0.1"},
        {"tenth-double", "0.1000000000000000055511151231257827"},
        {"tenth-scaled", "0.10"},
        {"huge", "1E+400"},
        {"huge-other", "2E+400"},
        {"zero", "0"},
        {"neg-zero", "-0.0"},
        {"long-789", "12345678901234567890.123456789"},
        {"long-788", "12345678901234567890.123456788"},
        {"big-int", "123456789012345678901234567890"},
        {"max-long", "9223372036854775807"},
        {"past-long", "9223372036854775808"},
        {"tiny", "1E-400"},
        {"one-half", "1.50"},
        {"three", "3"},
    };
    for (String[] d : docs) {
      agent(org, d[0], Map.of(), AgentSpec.builder().instructions("i")
          .envSpec(nf.objectNode().put("n", new BigDecimal(d[1]))).build());
    }
    agent(org, "text-tenth", Map.of(), AgentSpec.builder().instructions("i")
        .envSpec(nf.objectNode().put("n", "0.1")).build());
    java.util.function.Function<Object, List<String>> where = v -> names(Query.builder().org(org)
        .where("spec.envSpec.n", v).build());
    assertThat(where.apply(new BigDecimal("0.1"))).containsExactly("tenth", "tenth-scaled");
    assertThat(where.apply(new BigDecimal("0.1000000000000000055511151231257827")))
        .containsExactly("tenth-double");
    assertThat(where.apply(0.1d)).containsExactly("tenth", "tenth-scaled");
    assertThat(where.apply(new BigDecimal("1e400"))).containsExactly("huge");
    assertThat(where.apply(new BigDecimal("0"))).containsExactly("zero", "neg-zero");
    assertThat(where.apply(0)).containsExactly("zero", "neg-zero");
    assertThat(where.apply(new BigDecimal("12345678901234567890.123456789")))
        .containsExactly("long-789");
    assertThat(where.apply(new java.math.BigInteger("123456789012345678901234567890")))
        .containsExactly("big-int");
    assertThat(where.apply(Long.MAX_VALUE)).containsExactly("max-long");
    assertThat(where.apply(new BigDecimal("9223372036854775808"))).containsExactly("past-long");
    assertThat(where.apply(new BigDecimal("1e-400"))).containsExactly("tiny");
    assertThat(where.apply(1.5)).containsExactly("one-half");
    assertThat(where.apply(new BigDecimal("3.000"))).containsExactly("three");
    assertThat(where.apply("0.1")).containsExactly("text-tenth");
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.n == 15e-1").build()))
        .containsExactly("one-half");
    assertThat(names(Query.builder().org(org).filter("spec.envSpec.n == 1.0E+400").build()))
        .containsExactly("huge");
  }

  @ParameterizedTest
  @ValueSource(strings = {"model == \"x\"", "spec.model = \"x\"", "spec. == 1", "spec.a.b == {}",
      "spec.a == [1]", "spec.a == 'x'", "metadata.name == \"x\"", "spec.a == \"x\" trailing"})
  void malformedJsonFiltersAreRejected(String filter) {
    assertThatThrownBy(() -> Query.builder().filter(filter).build())
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void pathsIntoSecretValuesAreRejected() {
    String org = newOrg().id();
    store.environments().create(new Environment(Metadata.of(org, "env"),
        EnvironmentSpec.builder().description("d").data(Map.of("REGION", EnvironmentValue
            .plain("eu"))).build(), null));
    for (String path : List.of("spec.data.TOKEN.value", "spec.data.TOKEN", "spec.data")) {
      assertThatThrownBy(() -> store.environments().list(Query.builder().where(path, "x")
          .build())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("secret");
    }
    assertThat(store.environments().list(Query.builder().org(org)
        .where("spec.data.REGION.secret", false).build()).items()).hasSize(1);
    assertThatThrownBy(() -> store.agentExecutions().list(Query.builder()
        .where("status.messages.content", "x").build()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.environments().list(Query.builder()
        .orderBy("spec.data.TOKEN.value", false).build()))
        .as("an order by a secret value").isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("secret");
    assertThatThrownBy(() -> store.agentExecutions().list(Query.builder()
        .orderBy("status.messages", false).build()))
        .as("an order by a child collection").isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("status.messages");
  }

  /**
   * {@code explain} has one step per condition the query has, none for those it lacks, and one
   * for the order, in its direction, each saying whether an index serves it.
   */
  @Test
  void explainHasAStepForEachConditionAndTheOrder() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    String org = newOrg().id();
    QueryExplanation all = store.agentExecutions().explain(Query.builder().org(org)
        .labelSelector("env=prod").phaseIn(ExecutionPhase.PENDING).createdAfter(t)
        .orderBy(Query.OrderBy.UPDATED_AT, true).build());
    assertThat(all.steps()).extracting(QueryExplanation.Step::field,
        QueryExplanation.Step::operation, QueryExplanation.Step::indexed).containsExactly(
            tuple("org", "EQUALS", true), tuple("labels", "SELECTOR", false),
            tuple("phase", "IN", true), tuple("metadata.createdAt", "RANGE", true),
            tuple("metadata.updatedAt", "ORDER BY DESC", true));
    assertThat(all.step("metadata.updatedAt").orElseThrow().access()).contains("updated_at");
    QueryExplanation before = store.agentExecutions().explain(Query.builder()
        .createdBefore(t).build());
    assertThat(before.steps()).extracting(QueryExplanation.Step::field,
        QueryExplanation.Step::operation).containsExactly(tuple("metadata.createdAt", "RANGE"),
            tuple("metadata.createdAt", "ORDER BY ASC"));
    assertThat(before.steps().get(1).access()).contains("created_at");
    assertThat(store.agentExecutions().explain(Query.all()).steps())
        .extracting(QueryExplanation.Step::field, QueryExplanation.Step::operation)
        .containsExactly(tuple("metadata.createdAt", "ORDER BY ASC"));
    QueryExplanation declared = widgets(store).explain(Query.builder().where("spec.color", "red")
        .orderBy("spec.size", true).build());
    assertThat(declared.steps()).extracting(QueryExplanation.Step::field,
        QueryExplanation.Step::operation, QueryExplanation.Step::indexed).containsExactly(
            tuple("spec.color", "EQUALS", true), tuple("spec.size", "ORDER BY DESC", true));
  }

  @Test
  void createdRangeAndOrderingWork() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore s = open(newStoreBuilder().clock(clock));
    String org = newOrg(s).id();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(newAgent(s, org, "t" + i).id());
      clock.advance(Duration.ofMinutes(1));
    }
    Query range = Query.builder().org(org)
        .createdAfter(Instant.parse("2026-03-01T00:00:30Z"))
        .createdBefore(Instant.parse("2026-03-01T00:03:30Z")).build();
    assertThat(s.agents().list(range).items()).extracting(Agent::id)
        .containsExactly(ids.get(1), ids.get(2), ids.get(3));
    Query desc = Query.builder().org(org).orderBy(Query.OrderBy.CREATED_AT, true).pageSize(2)
        .build();
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      Page<Agent> p = s.agents().list(desc.withPageToken(token));
      p.items().forEach(a -> seen.add(a.id()));
      token = p.nextPageToken();
    } while (token != null);
    assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));

    Agent touched = s.agents().get(ids.get(0)).orElseThrow();
    s.agents().update(touched.withMetadata(touched.metadata().withLabel("t", "x")));
    Query byUpdate = Query.builder().org(org).orderBy(Query.OrderBy.UPDATED_AT, true).build();
    assertThat(s.agents().list(byUpdate).items().get(0).id()).isEqualTo(ids.get(0));
  }

  @Test
  void sameTimestampRowsPageByIdWithoutLossOrRepeat() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore s = open(newStoreBuilder().clock(clock));
    String org = newOrg(s).id();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 25; i++) {
      created.add(newAgent(s, org, "same" + i).id()); // all at one instant
    }
    List<String> seen = new ArrayList<>();
    Query q = Query.builder().org(org).pageSize(7).build();
    String token = null;
    do {
      Page<Agent> p = s.agents().list(q.withPageToken(token));
      assertThat(p.items().size()).isLessThanOrEqualTo(7);
      p.items().forEach(a -> seen.add(a.id()));
      token = p.nextPageToken();
    } while (token != null);
    assertThat(seen).doesNotHaveDuplicates().hasSize(25);
    assertThat(new HashSet<>(seen)).isEqualTo(created);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001})
  void pageSizesOutOfRangeAreRejected(int size) {
    assertThatThrownBy(() -> Query.builder().pageSize(size).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageSize");
  }

  @Test
  void defaultPageIsFiftyAndTheLastPageHasNoToken() {
    String org = newOrg().id();
    store.runInTransaction(tx -> {
      for (int i = 0; i < 51; i++) {
        newAgent(tx, org, "p" + i);
      }
    });
    Page<Agent> first = store.agents().list(Query.builder().org(org).build());
    assertThat(first.items()).hasSize(50);
    assertThat(first.hasNext()).isTrue();
    Page<Agent> second = store.agents().list(Query.builder().org(org).build()
        .withPageToken(first.nextPageToken()));
    assertThat(second.items()).hasSize(1);
    assertThat(second.nextPageToken()).isNull();
  }

  @Test
  void forgedTamperedForeignAndExpiredTokensAreRejected() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore s = open(newStoreBuilder().clock(clock).pageTokenTtl(Duration.ofMinutes(10)));
    String org = newOrg(s).id();
    for (int i = 0; i < 3; i++) {
      newAgent(s, org, "tok" + i);
    }
    Query q = Query.builder().org(org).pageSize(1).build();
    String token = s.agents().list(q).nextPageToken();
    assertThat(s.agents().list(q.withPageToken(token)).items()).hasSize(1);

    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[60]);
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[20] ^= 1;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Query otherQuery = Query.builder().org(org).pageSize(1).labelSelector("x=y").build();
    AgentStore other = open(newStoreBuilder());
    String otherOrg = newOrg(other).id();
    newAgent(other, otherOrg, "o1");
    newAgent(other, otherOrg, "o2");
    String otherStoreToken = other.agents().list(Query.builder().org(otherOrg).pageSize(1)
        .build()).nextPageToken();

    for (String bad : List.of("", "not a token!", forged, tampered, otherStoreToken)) {
      assertThatThrownBy(() -> s.agents().list(q.withPageToken(bad)))
          .as("token %s", bad).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("pageToken");
    }
    assertThatThrownBy(() -> s.agents().list(otherQuery.withPageToken(token)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("another query");
    assertThatThrownBy(() -> s.agentInstances().list(q.withPageToken(token)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("another query");
    assertThatThrownBy(() -> s.forOrg(org).agents().list(q.withPageToken(token)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("another query");

    clock.advance(Duration.ofMinutes(10)); // a token is good through the last second of its TTL
    assertThat(s.agents().list(q.withPageToken(token)).items()).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> s.agents().list(q.withPageToken(token)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expired");
  }

  /**
   * A page token of a query with phases or time bounds belongs to those phases and bounds: the
   * same query with other phases, another bound, field or operator refuses it.
   */
  @Test
  void tokensAreBoundToTheirPhasesAndTimeBounds() {
    String org = newOrg().id();
    for (int i = 0; i < 3; i++) {
      newAgentExecution(store, org);
    }
    Instant since = Instant.parse("2000-01-01T00:00:00Z");
    Query byPhases = Query.builder().org(org).phaseIn(ExecutionPhase.PENDING,
        ExecutionPhase.IN_PROGRESS).pageSize(1).build();
    Query byBound = Query.builder().org(org).where("metadata.updatedAt").greaterOrEqual(since)
        .pageSize(1).build();
    Map<Query, List<Query>> others = Map.of(
        byPhases, List.of(Query.builder().org(org).phaseIn(ExecutionPhase.PENDING).pageSize(1)
            .build()),
        byBound, List.of(
            Query.builder().org(org).where("metadata.updatedAt")
                .greaterOrEqual(since.plusSeconds(1)).pageSize(1).build(),
            Query.builder().org(org).where("metadata.updatedAt").greaterThan(since).pageSize(1)
                .build(),
            Query.builder().org(org).where("metadata.createdAt").greaterOrEqual(since)
                .pageSize(1).build()));
    others.forEach((q, refusing) -> {
      String token = store.agentExecutions().list(q).nextPageToken();
      assertThat(token).isNotNull();
      assertThat(store.agentExecutions().list(q.withPageToken(token)).items()).hasSize(1);
      for (Query other : refusing) {
        assertThatThrownBy(() -> store.agentExecutions().list(other.withPageToken(token)))
            .as("%s with the token of %s", other, q)
            .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("another query");
      }
    });
  }

  /**
   * Tokens of an order by a field carry the field's value, however long, and expire like the
   * others: good through the last second of their TTL, refused one second later.
   */
  @Test
  void fieldOrderTokensCarryLongValuesAndExpireAfterTheirTtl() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    AgentStore s = open(freshLocation().clock(clock).pageTokenTtl(Duration.ofMinutes(10)));
    String org = newOrg(s).id();
    String padding = "x".repeat(300);
    for (int i = 0; i < 3; i++) {
      s.agents().create(new Agent(Metadata.of(org, "long-" + i), AgentSpec.builder()
          .instructions("i").envSpec(JsonNodeFactory.instance.objectNode()
              .put("v", i + padding)).build(), null));
    }
    Query q = Query.builder().org(org).orderBy("spec.envSpec.v", false).pageSize(1).build();
    assertThat(names(s, q)).containsExactly("long-0", "long-1", "long-2");

    String first = s.agents().list(q).nextPageToken();
    clock.advance(Duration.ofMinutes(10));
    assertThat(s.agents().list(q.withPageToken(first)).items())
        .extracting(a -> a.metadata().name()).containsExactly("long-1");
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> s.agents().list(q.withPageToken(first)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("expired");
  }

  /**
   * A store that accepts documents larger than the default pages through an order by a field
   * holding a value that large: the store reads back the long tokens it issues.
   */
  @Test
  void fieldOrderTokensOfALargerDocumentLimitAreRead() {
    assertThat(pagedByABigValue(8 * 1024 * 1024, 5 * 1024 * 1024))
        .containsExactly("big-0", "big-1");
  }

  /**
   * An order by a field whose value takes nearly the whole document limit pages on: the longest
   * token the store reads leaves room for the largest cursor a document allows (its value, an id,
   * the token's own bytes), not only for values well under the limit.
   */
  @Test
  void fieldOrderTokensOfAValueNearlyAsLargeAsTheDocumentLimitAreRead() {
    int limit = 64 * 1024;
    // The rest of the document (metadata, the other spec fields, status) stays under 1 KiB.
    assertThat(pagedByABigValue(limit, limit - 1024)).containsExactly("big-0", "big-1");
  }

  /**
   * The names of two agents, {@code big-0} and {@code big-1}, whose spec field holds a string of
   * {@code valueChars} characters (the index, then x's), listed one page at a time in the order
   * of that field, in a store whose document limit is {@code maxDocumentBytes}.
   */
  private List<String> pagedByABigValue(int maxDocumentBytes, int valueChars) {
    AgentStore s = open(freshLocation().maxDocumentBytes(maxDocumentBytes));
    String org = newOrg(s).id();
    String big = "x".repeat(valueChars - 1);
    for (int i = 0; i < 2; i++) {
      s.agents().create(new Agent(Metadata.of(org, "big-" + i), AgentSpec.builder()
          .instructions("i").envSpec(JsonNodeFactory.instance.objectNode()
              .put("v", i + big)).build(), null));
    }
    Query q = Query.builder().org(org).orderBy("spec.envSpec.v", false).pageSize(1).build();
    return names(s, q);
  }

  /** A token whose last character differs only in bits the decoder ignores is not the token. */
  @Test
  void aTokenWithAFlippedUnusedBitIsRefused() {
    String org = newOrg().id();
    newAgent(store, org, "nc1");
    newAgent(store, org, "nc2");
    Query q = Query.builder().org(org).pageSize(1).build();
    String token = store.agents().list(q).nextPageToken();
    assertThat(Base64.getUrlDecoder().decode(token).length % 3)
        .as("the last character has unused bits").isNotZero();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(token.charAt(token.length() - 1));
    String flipped = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
    assertThat(Base64.getUrlDecoder().decode(flipped)).isEqualTo(Base64.getUrlDecoder()
        .decode(token)); // same bytes: only the canonical check can tell them apart
    assertThatThrownBy(() -> store.agents().list(q.withPageToken(flipped)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
    assertThatThrownBy(() -> store.agents().list(q.withPageToken(token + "==")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
    assertThat(store.agents().list(q.withPageToken(token)).items()).hasSize(1);
  }

  @Test
  void filtersOnFieldsAKindDoesNotHaveAreRejected() {
    assertThatThrownBy(() -> store.agents().list(Query.builder()
        .phase(dev.agentstore.model.ExecutionPhase.PENDING).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("phase");
    assertThatThrownBy(() -> store.agents().list(Query.builder()
        .ref(dev.agentstore.RefField.SESSION_ID, "ses-01hx0000000000000000000000").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("sessionId");
    assertThatThrownBy(() -> store.agentExecutions().list(Query.builder()
        .ref(dev.agentstore.RefField.SESSION_ID, "agt-01hx0000000000000000000000").build()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.agents().list(Query.builder().org("nope").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("org");
  }

  @Test
  void streamReadsEveryPageInOrderAndPicksUpRowsAddedMeanwhile() {
    String org = newOrg().id();
    for (int i = 0; i < 7; i++) {
      newAgent(store, org, "streamed-" + i);
    }
    Query q = Query.builder().org(org).pageSize(3).build();
    List<String> paged = new ArrayList<>();
    for (String t = null; ; ) {
      Page<Agent> p = store.agents().list(q.withPageToken(t));
      p.items().forEach(a -> paged.add(a.id()));
      if (!p.hasNext()) {
        break;
      }
      t = p.nextPageToken();
    }
    try (Stream<Agent> all = store.agents().stream(q)) {
      assertThat(all.map(Agent::id).toList()).hasSize(7).containsExactlyElementsOf(paged);
    }
    List<String> seen = new ArrayList<>();
    try (Stream<Agent> lazy = store.agents().stream(q)) {
      Iterator<Agent> it = lazy.iterator();
      for (int i = 0; i < 3; i++) {
        seen.add(it.next().id()); // the first page only
      }
      newAgent(store, org, "streamed-late"); // created after the first page was read
      it.forEachRemaining(a -> seen.add(a.id()));
    }
    assertThat(seen).hasSize(8).doesNotHaveDuplicates().containsAll(paged);
    try (Stream<Agent> none = store.agents().stream(Query.builder().org(newOrg().id()).build())) {
      assertThat(none).isEmpty();
    }
    assertThatThrownBy(() -> store.agents().stream(null))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("query"));
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * A declared kind's own table takes the same queries: label selectors, JSON-path filters on
   * undeclared paths, createdAt ranges and keyset pages with no duplicate or gap both ways; its
   * page tokens are bound to their query and kind.
   */
  @Test
  void aDeclaredKindTakesSelectorsFiltersRangesAndExactKeysetPages() {
    String org = newOrg().id();
    var widgets = widgets(store);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      var w = newWidget(store, org, "w" + i, i % 2 == 0 ? "red" : "blue", i, "1");
      var spec = w.spec().deepCopy();
      spec.putObject("extra").put("n", i % 3);
      ids.add(widgets.update(w.withSpec(spec).withMetadata(w.metadata()
          .withLabel("env", i < 5 ? "prod" : "dev"))).id());
    }
    assertThat(widgets.count(Query.builder().org(org).labelSelector("env=prod").build()))
        .isEqualTo(5);
    assertThat(widgets.count(Query.builder().org(org).labelSelector("env notin (prod)")
        .where("spec.color", "red").build())).isEqualTo(4);
    assertThat(widgets.count(Query.builder().org(org).filter("spec.extra.n == 0").build()))
        .isEqualTo(5);
    assertThat(widgets.explain(Query.builder().filter("spec.extra.n == 0").build()).toString())
        .as("an undeclared path is not indexed").contains("spec.extra.n");
    Instant third = widgets.get(ids.get(3)).orElseThrow().metadata().createdAt();
    assertThat(widgets.count(Query.builder().org(org).where("metadata.createdAt")
        .greaterOrEqual(third).build())).isEqualTo(widgets.list(Query.builder().org(org)
            .pageSize(100).build()).items().stream()
            .filter(w -> !w.metadata().createdAt().isBefore(third)).count());
    for (boolean desc : new boolean[] {false, true}) {
      for (Query.OrderBy by : List.of(Query.OrderBy.CREATED_AT, Query.OrderBy.UPDATED_AT)) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
          Page<dev.agentstore.CustomResource<com.fasterxml.jackson.databind.node.ObjectNode,
              com.fasterxml.jackson.databind.node.ObjectNode>> p = widgets.list(Query.builder()
              .org(org).orderBy(by, desc).pageSize(4).pageToken(token).build());
          p.items().forEach(w -> seen.add(w.id()));
          token = p.nextPageToken();
        } while (token != null);
        assertThat(seen).as(by + (desc ? " desc" : "")).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(ids);
      }
    }
    Query paged = Query.builder().org(org).orderBy("spec.size", false).pageSize(5).build();
    String token = widgets.list(paged).nextPageToken();
    assertThat(widgets.list(paged.withPageToken(token)).items())
        .extracting(w -> w.spec().get("size").asInt()).containsExactly(5, 6, 7, 8, 9);
    assertThatThrownBy(() -> widgets.list(Query.builder().org(org).orderBy("spec.price", false)
        .pageSize(5).pageToken(token).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
    assertThatThrownBy(() -> store.agents().list(paged.withPageToken(token)))
        .as("another kind's query").isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageToken");
  }
}
