package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.ConflictException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.LabelSelector;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Query;
import dev.agentstore.Resource;
import dev.agentstore.ResourceJson;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentExecutionStatus;
import dev.agentstore.model.AgentSpec;
import dev.agentstore.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input rules and edge values, identical on every backend: values that must round-trip exactly
 * (empty vs null, unicode, JSON-looking and SQL-looking strings, exact decimals, unknown fields,
 * a 1 MiB spec) and inputs that must be rejected with {@link InvalidArgumentException} while
 * nothing changes (bad ids, slugs, names, labels, NUL, unpaired surrogates, deep nesting,
 * oversized documents, malformed JSON, unknown kinds).
 *
 * <p>Usage: {@code class LocalValidationTest extends ValidationTck { ...newStoreBuilder()... }}
 */
public abstract class ValidationTck extends TckSupport {

  private Agent roundTrip(String org, AgentSpec spec) {
    Agent created = store.agents().create(new Agent(Metadata.of(org, unique("edge")), spec,
        null));
    Agent back = store.agents().get(created.id()).orElseThrow();
    assertThat(back.spec()).isEqualTo(spec);
    assertThat(back).isEqualTo(created);
    return back;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "héllo wörld", "日本語のテキスト", "مرحبا بالعالم", "emoji 🚀🧪👩‍💻",
      "e\u0301 combining", "{\"looks\": \"like json\"}", "[1, 2, 3]", "null", "true", "42",
      "'; DROP TABLE agents; --", "%_\\ LIKE wildcards", "line\nbreak\ttab\r", "$.path[0]",
      "\\u0000 escaped text, not a NUL", "\"quoted\""})
  void edgeStringsRoundTripExactly(String value) {
    String org = newOrg().id();
    Agent back = roundTrip(org, AgentSpec.builder().description(value).instructions(value)
        .mcpServers(List.of(value)).build());
    assertThat(back.spec().description()).isEqualTo(value);
    assertThat(store.agents().list(Query.builder().org(org).where("spec.description", value)
        .build()).items()).extracting(Agent::id).containsExactly(back.id());
  }

  @Test
  void emptyStringAndNullStayDistinct() {
    String org = newOrg().id();
    Agent empty = roundTrip(org, AgentSpec.builder().description("").instructions("")
        .mcpServers(List.of()).build());
    assertThat(empty.spec().description()).isEmpty();
    assertThat(empty.spec().iconUrl()).isNull();
    assertThat(empty.spec().mcpServers()).isEmpty();
    assertThat(empty.spec().skillRefs()).isNull();
    assertThat(store.agents().list(Query.builder().org(org).where("spec.iconUrl", "")
        .build()).items()).isEmpty();
  }

  @Test
  void exactDecimalsAndBigNumbersRoundTrip() {
    String org = newOrg().id();
    ObjectNode env = JsonNodeFactory.withExactBigDecimals(true).objectNode();
    env.put("price", new BigDecimal("0.10000000000000000000000000001"));
    env.put("big", new java.math.BigInteger("123456789012345678901234567890"));
    env.put("tiny", new BigDecimal("1E-40"));
    env.put("trailing", new BigDecimal("1.50"));
    Agent back = roundTrip(org, AgentSpec.builder().description("d").instructions("i")
        .envSpec(env).build());
    assertThat(back.spec().envSpec().get("price").decimalValue())
        .isEqualTo(new BigDecimal("0.10000000000000000000000000001"));
    assertThat(back.spec().envSpec().get("big").bigIntegerValue().toString())
        .isEqualTo("123456789012345678901234567890");

    AgentExecution e = newAgentExecution(store, org);
    AgentExecutionStatus st = AgentExecutionStatus.pending();
    AgentExecutionStatus withUsage = AgentExecutionStatus.builder().phase(st.phase())
        .usage(Usage.builder().inputTokens(1L).outputTokens(2L).costUsd(new BigDecimal("0.000123456789"))
        .durationMs(3L).build()).build();
    store.agentExecutions().updateStatus(e.withStatus(withUsage));
    assertThat(store.agentExecutions().get(e.id()).orElseThrow().status().usage().costUsd())
        .isEqualByComparingTo("0.000123456789");
  }

  @Test
  void unknownFieldsAreKeptAndWrittenBack() {
    String org = newOrg().id();
    String json = "{\"apiVersion\":\"agentstore.dev/v1\",\"kind\":\"Agent\",\"metadata\":{"
        + "\"name\":\"future\",\"org\":\"" + org + "\"},\"spec\":{\"instructions\":\"i\","
        + "\"newerField\":{\"nested\":[1,2.50,{\"x\":null}]},\"flag\":true}}";
    Agent parsed = (Agent) ResourceJson.read(json);
    Agent created = store.agents().create(parsed);
    assertThat(created.spec().unknownFields()).containsKeys("newerField", "flag");
    Agent updated = store.agents().update(created.withSpec(
        created.spec().withDescription("changed")));
    Agent back = store.agents().get(updated.id()).orElseThrow();
    assertThat(back.spec().description()).isEqualTo("changed");
    assertThat(back.spec().unknownFields().get("newerField").toString())
        .isEqualTo("{\"nested\":[1,2.50,{\"x\":null}]}");
    assertThat(ResourceJson.write(back)).contains("\"newerField\":{\"nested\":[1,2.50,");
  }

  @Test
  void unknownFieldsSurviveTheReadModifyWritePath() {
    String org = newOrg().id();
    String json = "{\"apiVersion\":\"agentstore.dev/v1\",\"kind\":\"Agent\",\"metadata\":{"
        + "\"name\":\"rmw\",\"org\":\"" + org + "\"},\"spec\":{\"instructions\":\"i\","
        + "\"skillRefs\":[\"a\"],\"later\":{\"x\":[1,2.50]}},"
        + "\"status\":{\"defaultInstanceId\":\"ain-1\",\"observed\":7}}";
    Agent created = store.agents().create((Agent) ResourceJson.read(json));
    Agent read = store.agents().get(created.id()).orElseThrow();
    store.agents().update(read.withSpec(read.spec().withInstructions("edited")));
    Agent back = store.agents().get(created.id()).orElseThrow();
    assertThat(back.spec().instructions()).isEqualTo("edited");
    assertThat(back.spec().skillRefs()).containsExactly("a");
    assertThat(back.spec().unknownFields().get("later").toString()).isEqualTo("{\"x\":[1,2.50]}");
    assertThat(back.status().unknownFields().get("observed").intValue()).isEqualTo(7);
  }

  @Test
  void callersCannotChangeAStoredRecordThroughItsCollections() {
    String org = newOrg().id();
    List<String> refs = new java.util.ArrayList<>(List.of("a"));
    Agent created = store.agents().create(Agent.builder().org(org).name(unique("imm"))
        .instructions("i").skillRefs(refs).build());
    refs.add("b");
    assertThatThrownBy(() -> created.spec().skillRefs().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
    Agent read = store.agents().get(created.id()).orElseThrow();
    assertThatThrownBy(() -> read.spec().skillRefs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> read.metadata().labels().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(created.spec().skillRefs()).containsExactly("a");
    assertThat(read.spec().skillRefs()).containsExactly("a");
  }

  @Test
  void aOneMebibyteSpecRoundTrips() {
    String org = newOrg().id();
    StringBuilder b = new StringBuilder();
    while (b.length() < 1024 * 1024) {
      b.append("Instructions line ").append(b.length()).append(" with ünïcödé.\n");
    }
    Agent back = roundTrip(org, AgentSpec.builder().instructions(b.toString()).build());
    assertThat(back.spec().instructions()).hasSize(b.length());
  }

  @Test
  void oversizedDocumentsAreRejectedAndNothingIsStored() {
    String org = newOrg().id();
    String big = "x".repeat(4 * 1024 * 1024 + 1);
    assertThatThrownBy(() -> store.agents().create(new Agent(Metadata.of(org, "huge"),
        AgentSpec.builder().instructions(big).build(), null)))
            .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("limit");
    assertThat(store.agents().count(Query.builder().org(org).build())).isZero();

    AgentStore small = open(freshLocation().maxDocumentBytes(64 * 1024));
    String smallOrg = newOrg(small).id();
    Agent ok = newAgent(small, smallOrg, "fits");
    assertThatThrownBy(() -> small.agents().update(ok.withSpec(AgentSpec.builder()
        .instructions("y".repeat(70 * 1024)).build()))).isInstanceOf(InvalidArgumentException.class);
    assertThat(small.agents().get(ok.id())).contains(ok);
  }

  @Test
  void badIdsAreRejected() {
    for (String id : new String[] {null, "", "  ", "agt-", "agt-0123", "AGT-01hx0000000000000000000000",
        "agt-01HX0000000000000000000000", "ses-01hx0000000000000000000000", "agt-81hx0000000000000000000000",
        "agt-01hx000000000000000000000u", "agt-01hx0000000000000000000000 ", "../etc/passwd"}) {
      assertThatThrownBy(() -> store.agents().get(id)).as("id %s", id)
          .isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Test
  void badSlugsNamesAndOrgsAreRejected() {
    String org = newOrg().id();
    for (String slug : new String[] {"Bad", "-lead", "trail-", "under_score", "a".repeat(64), "sp ace", "ü"}) {
      assertRejected(org, m -> store.agents().create(new Agent(m.withSlug(slug),
          AgentSpec.builder().instructions("x").build(), null)), Metadata.of(org, "fine"), "slug");
    }
    assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
        .instructions("x").build(),
        null)), Metadata.of(org, "!!! ???"), "name");
    assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
        .instructions("x").build(),
        null)), Metadata.of(null, "no org"), "org");
    assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
        .instructions("x").build(),
        null)), Metadata.of("org-nope", "bad org"), "org");
    assertThat(Metadata.of(org, "a".repeat(80)).name()).hasSize(80);
    Agent derived = store.agents().create(new Agent(Metadata.of(org, "  Über -- Agent 2.0!! "),
        AgentSpec.builder().instructions("x").build(), null));
    assertThat(derived.metadata().slug()).isEqualTo("ber-agent-2-0");
  }

  @Test
  void badLabelsAreRejected() {
    String org = newOrg().id();
    List<Map<String, String>> bad = List.of(Map.of("", "v"), Map.of("-k", "v"),
        Map.of("k", "-v"), Map.of("k", "v".repeat(64)), Map.of("a/b/c", "v"),
        Map.of("UPPER.prefix/k", "v"), Map.of("k", "sp ace"), Map.of("k".repeat(64), "v"));
    for (Map<String, String> labels : bad) {
      assertRejected(org, m -> store.agents().create(new Agent(m.withLabels(labels),
          AgentSpec.builder().instructions("x").build(), null)), Metadata
              .of(org, unique("lbl")), "labels");
    }
    Agent ok = store.agents().create(new Agent(Metadata.of(org, "good-labels").withLabels(
        Map.of("app.kubernetes.io/name", "web", "empty", "", "a_b.c-d", "X.y_z-1")),
        AgentSpec.builder().instructions("x").build(), null));
    assertThat(store.agents().get(ok.id()).orElseThrow().metadata().labels()).hasSize(3);
  }

  @Test
  void nulAndUnpairedSurrogatesAreRejectedEverywhere() {
    String org = newOrg().id();
    for (String bad : new String[] {"nul\u0000byte", "lone \ud800 high", "lone \udc00 low"}) {
      assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
          .instructions(bad).build(),
          null)), Metadata.of(org, unique("nul")), "spec");
      assertRejected(org, m -> store.agents().create(new Agent(m.withAnnotations(Map.of("a", bad)),
          AgentSpec.builder().instructions("x").build(), null)), Metadata
              .of(org, unique("nul")), "annotations");
      assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
          .instructions("x").build(),
          null)), Metadata.of(org, "n" + bad), "name");
    }
  }

  @Test
  void nestingDeeperThan128IsRejected() {
    String org = newOrg().id();
    JsonNode deep = nested(200);
    assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
        .description("d").instructions("i").envSpec(deep).build(), null)), Metadata
        .of(org, "deep"), "128");
    Agent fine = store.agents().create(new Agent(Metadata.of(org, "fine"), AgentSpec.builder()
        .description("d").instructions("i").envSpec(nested(100)).build(), null));
    assertThat(store.agents().get(fine.id()).orElseThrow().spec().envSpec()).isEqualTo(nested(100));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[]", "\"text\"", "{\"kind\":\"Agent\",\"kind\":\"Agent\"}",
      "{\"kind\":\"Agent\",\"metadata\":{}} trailing", "{\"kind\":\"NoSuchKind\",\"metadata\":{}}",
      "{\"kind\":\"ApiResourceVersion\",\"metadata\":{}}", "{\"metadata\":{}}",
      "{\"kind\":\"Agent\",\"apiVersion\":\"v9\",\"metadata\":{}}",
      "{\"kind\":\"Agent\",\"metadata\":{\"version\":\"abc\"}}", "{\"kind\":\"Agent\",\"spec\":{}}"})
  void malformedJsonAndUnknownKindsAreRejected(String json) {
    assertThatThrownBy(() -> ResourceJson.read(json)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void unknownKindNamesAreRejected() {
    assertThatThrownBy(() -> Kind.fromName("Widget")).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Widget");
  }

  @Test
  void updatesNeedTheVersionRead() {
    String org = newOrg().id();
    Agent a = newAgent(store, org, "versioned");
    assertThatThrownBy(() -> store.agents().update(a.withMetadata(a.metadata().withVersion(0))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> store.agents().updateStatus(a.withMetadata(a.metadata()
        .withVersion(-1)))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> store.agents().create(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(store.agents().get(a.id())).contains(a);
  }

  @Test
  void noDatabaseOrJsonLibraryExceptionEscapes() {
    String org = newOrg().id();
    List<Runnable> calls = List.of(
        () -> store.agents().create(new Agent(Metadata.of(org, "x"), null, null)),
        () -> store.agents().list(null),
        () -> store.agentInstances().create(new dev.agentstore.model.AgentInstance(
            Metadata.of(org, "orphan"), dev.agentstore.model.AgentInstanceSpec.builder()
                .agentId("agt-01hx0000000000000000000000").description("x").build(), null)),
        () -> store.organizations().delete(org),
        () -> ResourceJson.read("{\"kind\":\"Agent\",\"metadata\":{\"labels\":[1]}}"));
    newAgent(store, org, "keeps-org-busy");
    for (Runnable call : calls) {
      assertThatThrownBy(call::run).isInstanceOf(AgentStoreException.class)
          .satisfies(e -> assertThat(e.getClass().getName()).startsWith("dev.agentstore."));
    }
  }

  /** The newest change-feed sequence of {@code s} (0 when empty): moves iff something changed. */
  protected static long head(AgentStore s) {
    long last = 0;
    while (true) {
      List<dev.agentstore.history.ResourceVersion> next = s.changes().since(last, 1000);
      if (next.isEmpty()) {
        return last;
      }
      last = next.get(next.size() - 1).sequence();
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteFilterNumbersAreRejected(double bad) {
    assertThatThrownBy(() -> Query.builder().where("spec.envSpec.n", bad))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("spec")
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Query.builder().where("spec.envSpec.n", (float) bad))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("finite");
  }

  @Test
  void numbersPastTheDecimalLimitsAreRejectedOnWriteAndInFilters() {
    String org = newOrg().id();
    long before = head(store);
    for (String n : List.of("1e1000", "-1e1001", "1e-1001", "0e-5000", "1" + "0".repeat(1000),
        "0." + "1".repeat(1001), "1." + "1".repeat(1000))) {
      ObjectNode env = JsonNodeFactory.withExactBigDecimals(true).objectNode()
          .put("n", new BigDecimal(n));
      assertRejected(org, m -> store.agents().create(new Agent(m, AgentSpec.builder()
          .instructions("i").envSpec(env).build(), null)), Metadata.of(org, unique("num")),
          "exponent");
      assertThatThrownBy(() -> Query.builder().where("spec.envSpec.n", new BigDecimal(n)))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("exponent");
      assertThatThrownBy(() -> Query.builder().filter("spec.envSpec.n == " + n))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("exponent");
    }
    assertThat(head(store)).isEqualTo(before);
    ObjectNode edge = JsonNodeFactory.withExactBigDecimals(true).objectNode()
        .put("hi", new BigDecimal("9.99e999")).put("lo", new BigDecimal("1e-1000"))
        .put("many", new BigDecimal("0." + "7".repeat(1000)));
    Agent ok = store.agents().create(new Agent(Metadata.of(org, "edge-numbers"), AgentSpec
        .builder().instructions("i").envSpec(edge).build(), null));
    assertThat(store.agents().list(Query.builder().org(org).where("spec.envSpec.hi",
        new BigDecimal("999e997")).where("spec.envSpec.lo", new BigDecimal("0.1e-999"))
        .where("spec.envSpec.many", new BigDecimal("0." + "7".repeat(1000))).build())
        .items()).extracting(Agent::id).containsExactly(ok.id());
    // What a backend reads back passes the same check when written again (PostgreSQL prints
    // 9.99e999 as 1000 plain digits).
    Agent back = store.agents().get(ok.id()).orElseThrow();
    Agent again = store.agents().update(back.withSpec(back.spec().withDescription("again")));
    assertThat(again.spec().envSpec().get("hi").decimalValue())
        .isEqualByComparingTo(new BigDecimal("9.99e999"));
  }

  @Test
  void nullLabelAndAnnotationKeysAreRejected() {
    String org = newOrg().id();
    Map<String, String> nullKey = new java.util.HashMap<>();
    nullKey.put(null, "v");
    Metadata m = Metadata.of(org, "nulls");
    assertThatThrownBy(() -> m.withLabels(nullKey)).isInstanceOfSatisfying(
        InvalidArgumentException.class, e -> assertThat(e.field()).contains("metadata.labels"));
    assertThatThrownBy(() -> m.withAnnotations(nullKey)).isInstanceOfSatisfying(
        InvalidArgumentException.class,
        e -> assertThat(e.field()).contains("metadata.annotations"));
    assertThatThrownBy(() -> m.withLabel(null, "v"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.labels");
    assertThatThrownBy(() -> Metadata.builder().label(null, "v"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("metadata.labels");
    assertThatThrownBy(() -> Metadata.builder().annotations(nullKey))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("metadata.annotations");
    Map<String, String> nullValue = new java.util.HashMap<>();
    nullValue.put("k", null);
    assertRejected(org, x -> store.agents().create(new Agent(x.withLabels(nullValue),
        AgentSpec.builder().instructions("x").build(), null)), m, "labels");
  }

  @Test
  void nulAndUnpairedSurrogatesInActorsAndMessagesAreRejected() {
    String org = newOrg().id();
    long before = head(store);
    for (String bad : new String[] {"nul\u0000byte", "lone \ud800 high", "lone \udc00 low",
        "why\ud800?not"}) {
      assertThatThrownBy(() -> store.withMessage(bad)).isInstanceOfSatisfying(
          InvalidArgumentException.class, e -> assertThat(e.field()).contains("message"));
      assertThatThrownBy(() -> store.as(bad)).isInstanceOfSatisfying(
          InvalidArgumentException.class, e -> assertThat(e.field()).contains("actor"));
      assertThatThrownBy(() -> newStoreBuilder().actor(bad))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("actor");
    }
    assertThat(head(store)).isEqualTo(before);
    Agent a = store.as("alice \ud83d\ude80").withMessage("paired \ud83d\ude80 is fine")
        .agents().create(new Agent(Metadata.of(org, "msg"), AgentSpec.builder()
            .instructions("i").build(), null));
    assertThat(store.history().list(a.id()).get(0).message())
        .isEqualTo("paired \ud83d\ude80 is fine");
  }

  @Test
  void instantsOutsideYearsOneTo9999AreRejected() {
    for (Instant bad : List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("0000-12-31T23:59:59.999999999Z"), Query.LATEST_INSTANT.plusNanos(1))) {
      assertThatThrownBy(() -> Query.builder().createdAfter(bad).build())
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.field()).contains("createdAfter"));
      assertThatThrownBy(() -> Query.builder().createdBefore(bad).build())
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.field()).contains("createdBefore"));
    }
    String org = newOrg().id();
    newAgent(store, org, "kept");
    long before = head(store);
    for (Instant bad : List.of(Instant.MIN, Instant.MAX)) {
      assertThatThrownBy(() -> store.history().prune(bad))
          .isInstanceOfSatisfying(InvalidArgumentException.class,
              e -> assertThat(e.field()).contains("olderThan"));
    }
    assertThat(head(store)).isEqualTo(before);
    assertThat(store.history().prune(Query.EARLIEST_INSTANT)).isZero();
    assertThat(store.agents().count(Query.builder().org(org)
        .createdAfter(Query.EARLIEST_INSTANT).createdBefore(Query.LATEST_INSTANT).build()))
        .isEqualTo(1);
  }

  @Test
  void selectorsAndFilterListsHaveDocumentedLimitsAndTheLimitsRun() {
    String org = newOrg().id();
    Agent a = store.agents().create(new Agent(Metadata.of(org, "limits").withLabels(
        Map.of("k0", "v")), AgentSpec.builder().instructions("i").build(), null));
    StringBuilder most = new StringBuilder("k0=v");
    for (int i = 1; i < LabelSelector.MAX_REQUIREMENTS; i++) {
      most.append(i % 2 == 0 ? ",!x" + i : ",x" + i + " notin (a,b)");
    }
    assertThat(store.agents().list(Query.builder().org(org).labelSelector(most.toString())
        .build()).items()).extracting(Agent::id).containsExactly(a.id());
    assertThatThrownBy(() -> Query.builder().labelSelector(most + ",one-more"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labelSelector")
        .hasMessageContaining(String.valueOf(LabelSelector.MAX_REQUIREMENTS));
    StringBuilder thousand = new StringBuilder("k0");
    for (int i = 1; i < 1000; i++) {
      thousand.append(",!x").append(i);
    }
    assertThatThrownBy(() -> Query.builder().labelSelector(thousand.toString()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labelSelector");

    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < LabelSelector.MAX_VALUES; i++) {
      values.add("v" + i);
    }
    values.set(0, "v");
    String wide = "k0 in (" + String.join(",", values) + ")";
    assertThat(store.agents().count(Query.builder().org(org).labelSelector(wide).build()))
        .isEqualTo(1);
    assertThatThrownBy(() -> Query.builder().labelSelector(wide + ",k1 notin (z)"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("values");

    // The worst case at the limits: every requirement a notin (two binds each for the key on
    // SQLite) with all the values, and every filter a number (six binds each on SQLite). That
    // stays under SQLite's 999 bind values and its expression depth of 1000.
    StringBuilder widest = new StringBuilder();
    for (int i = 0; i < LabelSelector.MAX_REQUIREMENTS; i++) {
      int per = LabelSelector.MAX_VALUES / LabelSelector.MAX_REQUIREMENTS;
      widest.append(i == 0 ? "" : ",").append("x").append(i).append(" notin (");
      for (int j = 0; j < per; j++) {
        widest.append(j == 0 ? "" : ",").append("v").append(j);
      }
      widest.append(')');
    }
    ObjectNode numbers = JsonNodeFactory.withExactBigDecimals(true).objectNode();
    Query.Builder filters = Query.builder().org(org).labelSelector(widest.toString());
    for (int i = 0; i < Query.MAX_JSON_FILTERS; i++) {
      numbers.put("p" + i, new BigDecimal("1.50"));
      filters.where("spec.envSpec.p" + i, new BigDecimal("1.5"));
    }
    Agent n = store.agents().create(new Agent(Metadata.of(org, "numbers"), AgentSpec.builder()
        .instructions("i").envSpec(numbers).build(), null));
    assertThat(store.agents().list(filters.build()).items()).extracting(Agent::id)
        .containsExactly(n.id());
    Query.Builder allNull = Query.builder().org(org);
    for (int i = 0; i < Query.MAX_JSON_FILTERS; i++) {
      allNull.isNull("status.n" + i);
    }
    assertThat(store.agents().count(allNull.labelSelector(most.toString()).build())).isEqualTo(1);
    assertThatThrownBy(() -> allNull.isNull("status.one_more").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("jsonFilters");
  }

  private void assertRejected(String org, Consumer<Metadata> call, Metadata m, String mentions) {
    long before = store.agents().count(Query.builder().org(org).build());
    assertThatThrownBy(() -> call.accept(m)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(mentions);
    assertThat(store.agents().count(Query.builder().org(org).build())).isEqualTo(before);
  }

  private static JsonNode nested(int depth) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode cur = root;
    for (int i = 1; i < depth; i++) {
      cur = cur.putObject("d");
    }
    return root;
  }

  /** Every kind's sample passes validation (guards the samples used by the other suites). */
  @Test
  void everyKindsSampleIsValid() {
    String org = newOrg().id();
    for (Kind k : Samples.everyKind().toList()) {
      Resource<?, ?> r = Samples.created(this, store, k, k == Kind.ORGANIZATION ? null : org,
          unique("valid"));
      assertThat(r.metadata().version()).isEqualTo(1);
    }
  }

  @Test
  void errorsFromTheStoreCarryWhatAnHttpLayerMapsThemBy() {
    String org = newOrg().id();
    assertThatThrownBy(() -> store.agents().get("agt-nope"))
        .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
          assertThat(e.field()).contains("id");
          assertThat(e.isRetryable()).isFalse();
        });
    Agent bad = Agent.builder().org(org).name("bad").slug("Not A Slug").description("d")
        .instructions("i").build();
    assertThatThrownBy(() -> store.agents().create(bad))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("metadata.slug"));
    assertThatThrownBy(() -> store.agents().list(Query.builder().labelSelector("a in (")
        .build())).isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.field()).contains("labelSelector"));

    Agent a = newAgent(store, org, "mapped");
    assertThatThrownBy(() -> newAgent(store, org, "mapped"))
        .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
          assertThat(e.kind()).contains(Kind.AGENT);
          assertThat(e.isRetryable()).isFalse();
        });
    String missing = Ids.next(Kind.AGENT);
    assertThatThrownBy(() -> store.agents().update(a.withMetadata(a.metadata().assigned(missing,
        a.metadata().slug(), org, 1, null, null, null, null))))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.resourceId()).contains(missing);
          assertThat(e.kind()).contains(Kind.AGENT);
        });
    assertThatThrownBy(() -> store.agents().update(a.withMetadata(a.metadata().withVersion(5))))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.resourceId()).contains(a.id());
          assertThat(e.kind()).contains(Kind.AGENT);
          assertThat(e.isRetryable()).isTrue();
        });
    assertThat(store.agents().get(a.id())).contains(a);
  }

  // ---------------------------------------------------------------- a declared kind

  /**
   * A declared kind keeps edge values exactly (strings in a key column, decimals at the limits)
   * and finds them through its keys; hostile values of every declared field type are refused on
   * create and update with {@link InvalidArgumentException} naming the field, changing nothing.
   */
  @Test
  void aDeclaredKindKeepsEdgeValuesExactlyAndRefusesHostileOnesChangingNothing() {
    String org = newOrg().id();
    var widgets = widgets(store);
    JsonNodeFactory nf = JsonNodeFactory.withExactBigDecimals(true);
    int n = 0;
    for (String value : List.of("", " ", "héllo wörld", "日本語のテキスト", "emoji 🚀🧪👩‍💻",
        "e\u0301 combining", "'; DROP TABLE ck_wdg; --", "%_\\ LIKE wildcards",
        "line\nbreak\ttab\r", "~", "\"quoted\"", "x".repeat(512))) {
      ObjectNode spec = nf.objectNode().put("color", "red").put("code", value).put("note", value);
      var w = widgets.create(dev.agentstore.CustomResource.of(Samples.WIDGET,
          Metadata.of(org, "edge-" + n++), spec));
      assertThat(widgets.get(w.id()).orElseThrow().spec()).isEqualTo(spec);
      assertThat(widgets.list(Query.builder().org(org).where("spec.code", value).build())
          .items()).extracting(Resource::id).containsExactly(w.id());
    }
    for (String d : List.of("9.99e999", "1e-1000", "0." + "7".repeat(1000), "-0.5",
        "123456789012345678901234567890.000000000000000001")) {
      ObjectNode spec = nf.objectNode().put("color", "blue").put("price", new BigDecimal(d));
      var w = widgets.create(dev.agentstore.CustomResource.of(Samples.WIDGET,
          Metadata.of(org, "dec-" + n++), spec));
      assertThat(widgets.get(w.id()).orElseThrow().spec().get("price").decimalValue())
          .isEqualByComparingTo(new BigDecimal(d));
      assertThat(widgets.list(Query.builder().org(org).where("spec.price", new BigDecimal(d))
          .build()).items()).extracting(Resource::id).containsExactly(w.id());
    }

    var target = newWidget(store, org, "target", "green", 1, "1");
    long before = head(store);
    long count = widgets.count(Query.all());
    Map<String, java.util.function.UnaryOperator<ObjectNode>> bad = new java.util.LinkedHashMap<>();
    bad.put("spec.color", s -> (ObjectNode) s.without("color"));
    bad.put("spec.color ", s -> s.put("color", "purple"));
    bad.put("spec.color  ", s -> s.put("color", 3));
    bad.put("spec.size", s -> s.put("size", "3"));
    bad.put("spec.size ", s -> s.put("size", 1.5));
    bad.put("spec.price", s -> s.put("price", "0.3"));
    bad.put("spec.madeAt", s -> s.put("madeAt", "yesterday"));
    bad.put("spec.madeAt ", s -> s.put("madeAt", "2026-13-01T00:00:00Z"));
    bad.put("spec.madeAt  ", s -> s.put("madeAt", 20260101));
    bad.put("spec.active", s -> s.put("active", "true"));
    bad.put("spec.tags", s -> {
      s.putArray("tags").add(1);
      return s;
    });
    bad.put("spec.tags ", s -> s.put("tags", "tck"));
    bad.put("spec.agentId", s -> s.put("agentId", "agt-x"));
    bad.put("spec.agentId ", s -> s.put("agentId", Ids.next(Kind.SKILL)));
    bad.put("spec.code", s -> s.put("code", "x".repeat(513)));
    bad.put("spec.code ", s -> s.put("code", "nul\u0000byte"));
    bad.put("spec.code  ", s -> s.put("code", "lone \ud800 high"));
    for (var c : bad.entrySet()) {
      String field = c.getKey().trim();
      String mentions = field.equals("spec.code") && c.getKey().length() > field.length()
          ? "spec" : field;
      ObjectNode spec = c.getValue().apply(Samples.widgetSpec(unique("code"), null));
      assertThat(catchThrowable(() -> widgets.create(
          dev.agentstore.CustomResource.of(Samples.WIDGET, Metadata.of(org, unique("bad")),
              spec)))).as("create with bad %s: %s", c.getKey(), spec)
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(mentions);
      assertThat(catchThrowable(() -> widgets.update(
          target.withSpec(spec)))).as("update with bad %s: %s", c.getKey(), spec)
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining(mentions);
    }
    assertThatThrownBy(() -> widgets.create(dev.agentstore.CustomResource.of(Samples.WIDGET,
        Metadata.of(org, unique("bad")), Samples.widgetSpec(unique("code"),
            Ids.next(Kind.AGENT))))).as("a reference to no agent")
        .isInstanceOf(AgentStoreException.class).hasMessageContaining("spec.agentId");
    assertThat(head(store)).as("no write").isEqualTo(before);
    assertThat(widgets.count(Query.all())).isEqualTo(count);
    assertThat(widgets.get(target.id())).contains(target);
  }
}
