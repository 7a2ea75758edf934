package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.JsonPath;
import dev.agentstore.LabelSelector;
import dev.agentstore.Metadata;
import dev.agentstore.Query;
import dev.agentstore.ResourceJson;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.model.Agent;
import dev.agentstore.model.AgentSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz run over names, slugs, labels, selectors, JSON paths, filter values and
 * documents: 10,000 cases, most of them calls that validation accepts or rejects, some writes and
 * some queries. It asserts that only typed errors escape ({@link InvalidArgumentException}, or
 * {@link AlreadyExistsException} for a repeated slug), that a rejected call changes nothing (the
 * change feed does not move, the row count stays), that every accepted query returns exactly what
 * an in-memory model of the same rules computes (Kubernetes selectors; null and absent alike;
 * numbers by exact decimal value), and that the whole transcript of outcomes is the same on every
 * backend: its SHA-256 must equal {@link #TRANSCRIPT_SHA256}. The generator is a
 * {@link java.util.Random} with a fixed seed, so a failure reproduces; a changed generator or
 * rule changes the digest, which is then updated here (the transcript is written to
 * {@code target/fuzz-transcript-<class>.txt} for comparison).
 *
 * <p>Usage: {@code class LocalFuzzTest extends FuzzTck { ...newStoreBuilder()... }}
 */
public abstract class FuzzTck extends TckSupport {
  /** The seed of the generator. */
  static final long SEED = 0x61676e7473746f72L;
  /** How many cases a run has. */
  static final int CASES = 10_000;
  /** The most writes a run accepts, to keep it cheap; later write cases only validate. */
  static final int MAX_ACCEPTED_WRITES = 300;
  /**
   * The digest of the transcript every backend must produce. Last changed by the filter grammar
   * of issue 12 (conditions joined by "and", tokenised paths and literals): 92 rejected filter
   * cases now name the field "filter" (or none) instead of "jsonPath" (or none); no case moved
   * between accepted and rejected and no result changed.
   */
  static final String TRANSCRIPT_SHA256 =
      "200227ecb930fe2a53ff15a9c09cb87172364615f1c0f75614026111ccdd3837";

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  /** Reads numbers as exact decimals, as the store does. */
  private static final ObjectMapper JSON = JsonMapper.builder().nodeFactory(NODES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final String[] KEYS = {"env", "tier", "team", "app.kubernetes.io/name", "k",
      "example.com/owner", "x"};
  private static final String[] VALUES = {"prod", "dev", "", "gold", "a", "b", "A.b-c_9"};
  private static final String[] FIELDS = {"n", "s", "b", "z", "missing", "odd.key", "0"};
  private static final String[] NUMBERS = {"0", "0.0", "-0", "0.1", "0.10",
      "0.1000000000000000055511151231257827", "1e400", "1E+400", "2e400", "1e-400", "3", "3.0",
      "-3", "12345678901234567890.123456789", "12345678901234567890.123456788",
      "9223372036854775807", "9223372036854775808", "1.5", "15e-1", "1e1000", "9.99e999", "1e1001",
      "1e-1001", "123456789012345678901234567890"};
  private static final String[] STRINGS = {"", "x", "prod", "0.1", "3", "true", "null", "é",
      "日本", "🚀", "'; drop table agents; --", "%_", "nul\u0000", "lone\ud800", "\udc00low",
      "why\ud800?not", "tab\tnl\n", "\"quoted\"", "back\\slash"};
  /** Characters junk is made of: grammar punctuation, odd unicode, controls, halves of pairs. */
  private static final String JUNK = "aZ09-_./ =!,()\"\\'{}[]:;#$%&*+<>?@^`|~\u00e9\u65e5"
      + "\u0000\u0001\u007f\ud83d\ude80\ud800\udc00";

  private final StringBuilder transcript = new StringBuilder();
  private final List<Model> accepted = new ArrayList<>();
  private Random rnd;
  private String org;
  private long head;
  private int writes;

  /** One stored agent as the model sees it: name, labels and the spec/status documents. */
  private record Model(String name, Map<String, String> labels, JsonNode spec, JsonNode status) {}

  @Test
  void onlyTypedErrorsEscapeRejectedCallsChangeNothingAndEveryBackendAnswersAlike()
      throws Exception {
    rnd = new Random(SEED);
    org = newOrg().id();
    head = head(store);
    long started = System.nanoTime();
    for (int i = 0; i < CASES; i++) {
      int pick = rnd.nextInt(100);
      String kind;
      if (pick < 30) {
        kind = "query";
        queryCase();
      } else if (pick < 45) {
        kind = "selector";
        record(() -> LabelSelector.parse(selectorText()).canonical());
      } else if (pick < 57) {
        kind = "path";
        record(this::pathCase);
      } else if (pick < 67) {
        kind = "json";
        record(this::jsonCase);
      } else if (pick < 77) {
        kind = "metadata";
        record(this::metadataCase);
      } else if (pick < 85) {
        kind = "misc";
        record(this::miscCase);
      } else {
        kind = "write";
        writeCase();
      }
      transcript.append(i).append(' ').append(kind).append('\n');
    }
    byte[] text = transcript.toString().getBytes(StandardCharsets.UTF_8);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    Path out = Path.of("target", "fuzz-transcript-" + getClass().getSimpleName() + ".txt");
    Files.createDirectories(out.getParent());
    Files.write(out, text);
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println(getClass().getSimpleName() + ": " + CASES + " fuzz cases in " + ms
        + " ms, " + accepted.size() + " agents written, transcript " + digest + " (" + out + ")");
    assertThat(accepted).as("the run wrote something").isNotEmpty();
    assertThat(digest).as("transcript digest (differs between backends or after a rule change;"
        + " see %s)", out).isEqualTo(TRANSCRIPT_SHA256);
  }

  // ---- case kinds --------------------------------------------------------------------------

  /** A query built from fuzzed parts; when accepted, it must return what the model computes. */
  private void queryCase() {
    Query q;
    try {
      Query.Builder b = Query.builder().org(org).pageSize(Query.MAX_PAGE_SIZE);
      if (rnd.nextInt(3) > 0) {
        b.labelSelector(selectorText());
      }
      int filters = rnd.nextInt(20) == 0 ? Query.MAX_JSON_FILTERS + rnd.nextInt(2)
          : rnd.nextInt(4);
      for (int f = 0; f < filters; f++) {
        addFilter(b);
      }
      if (rnd.nextInt(10) == 0) {
        b.createdAfter(instant());
      }
      if (rnd.nextInt(10) == 0) {
        b.createdBefore(instant());
      }
      q = b.build();
    } catch (RuntimeException e) {
      transcript.append(typed(e, "building a query")).append(' ');
      return;
    }
    boolean list = rnd.nextInt(8) == 0;
    List<String> got = null;
    long count;
    try {
      count = store.agents().count(q);
      if (list) {
        got = store.agents().list(q).items().stream().map(a -> a.metadata().name()).sorted()
            .toList();
      }
    } catch (RuntimeException e) {
      transcript.append(typed(e, "running " + q)).append(' ');
      return;
    }
    List<String> expected = new ArrayList<>();
    for (Model m : accepted) {
      if (matches(m, q)) {
        expected.add(m.name());
      }
    }
    expected.sort(null);
    assertThat(count).as("count %s", q).isEqualTo(expected.size());
    transcript.append("ok ").append(count).append(' ');
    if (list) {
      assertThat(got).as("list %s", q).isEqualTo(expected);
      transcript.append(String.join(",", got)).append(' ');
    }
  }

  private void addFilter(Query.Builder b) {
    String path = pathText();
    switch (rnd.nextInt(8)) {
      case 0 -> b.isNull(path);
      case 1 -> b.isNotNull(path);
      case 2 -> b.filter(path + " == " + literalText());
      default -> b.where(path, value());
    }
  }

  private String pathCase() {
    if (rnd.nextBoolean()) {
      return JsonPath.parse(pathText()).canonical();
    }
    Query.Builder b = Query.builder();
    addFilter(b);
    Query.JsonFilter f = b.build().jsonFilters().get(0);
    return f.path().canonical() + " " + f.operator() + " " + f.value();
  }

  /**
   * The org id in parsed documents: a constant, not the store's random one, because a mutation
   * may land inside it and the outcome then depends on its characters (a backslash before "n"
   * is an escape, before "w" it is not), which made the transcript differ from run to run.
   */
  private static final String PARSED_ORG = "org-01m8s30r88wgwc3wp8smntnqv9";

  private String jsonCase() {
    StringBuilder doc = new StringBuilder("{\"apiVersion\":\"agentstore.dev/v1\",\"kind\":\"Agent\","
        + "\"metadata\":{\"name\":" + quote(nameText()) + ",\"org\":\"" + PARSED_ORG + "\"},"
        + "\"spec\":{\"instructions\":\"i\",\"envSpec\":");
    doc.append(documentText()).append("}}");
    String text = doc.toString();
    if (rnd.nextInt(4) == 0) {
      text = mutate(text);
    }
    Agent a = (Agent) ResourceJson.read(text);
    return String.valueOf(a.metadata().name()).length() + " " + a.spec();
  }

  private String metadataCase() {
    Metadata m = Metadata.of(org, nameText());
    if (rnd.nextBoolean()) {
      m = m.withSlug(rnd.nextBoolean() ? junk(1 + rnd.nextInt(70)) : slugText());
    }
    m = m.withLabels(labels()).withAnnotations(annotations());
    return m.labels() + " " + m.annotations().size();
  }

  private String miscCase() {
    switch (rnd.nextInt(5)) {
      case 0 -> {
        return store.withMessage(stringValue()).message();
      }
      case 1 -> {
        return store.as(stringValue()).actor();
      }
      case 2 -> {
        long pruned = store.history().prune(pruneInstant());
        assertThat(store.changes().since(head, 1)).isEmpty();
        return "pruned " + pruned;
      }
      case 3 -> {
        return Query.builder().createdAfter(instant()).createdBefore(instant()).build()
            .createdAfter().toString();
      }
      default -> {
        return Query.builder().pageSize(rnd.nextInt(2002) - 1).build().pageSize() + "";
      }
    }
  }

  /** A create with fuzzed metadata and document; a rejected one must change nothing. */
  private void writeCase() {
    Metadata m = null;
    ObjectNode env = null;
    try {
      m = Metadata.of(org, rnd.nextInt(4) == 0 ? nameText() : "agent-" + rnd.nextInt(400));
      if (rnd.nextInt(4) == 0) {
        m = m.withSlug(slugText());
      }
      m = m.withLabels(labels()).withAnnotations(annotations());
      env = document();
    } catch (RuntimeException e) {
      transcript.append(typed(e, "building a write")).append(' ');
      return;
    }
    if (writes >= MAX_ACCEPTED_WRITES) {
      transcript.append("skipped ");
      return;
    }
    try {
      Agent a = store.agents().create(new Agent(m, AgentSpec.builder().instructions("i")
          .envSpec(env).build(), null));
      writes++;
      JsonNode tree = JSON.readTree(ResourceJson.write(a));
      accepted.add(new Model(a.metadata().name(), a.metadata().labels(), tree.get("spec"),
          tree.get("status")));
      head = head(store, head);
      transcript.append("ok ").append(a.metadata().slug()).append(' ');
    } catch (RuntimeException e) {
      transcript.append(typed(e, "creating " + m)).append(' ');
      assertThat(store.changes().since(head, 1)).as("a rejected write left the change feed alone")
          .isEmpty();
      assertThat(store.agents().count(Query.builder().org(org).build())).as("rows after a"
          + " rejected write").isEqualTo(accepted.size());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a validation call and records its outcome. */
  private void record(Supplier<String> call) {
    try {
      String result = call.get();
      transcript.append("ok ").append(result.replace('\n', ' ')).append(' ');
    } catch (RuntimeException e) {
      transcript.append(typed(e, "a validation call")).append(' ');
    }
  }

  /** The outcome of a thrown error, after checking that it is a typed one. */
  private static String typed(RuntimeException e, String during) {
    if (!(e instanceof InvalidArgumentException) && !(e instanceof AlreadyExistsException)) {
      fail("an untyped error escaped while " + during + ": " + e, e);
    }
    assertThat(e.getClass().getName()).startsWith("dev.agentstore.");
    AgentStoreException ae = (AgentStoreException) e;
    String field = e instanceof InvalidArgumentException iae ? iae.field().orElse("") : "";
    assertThat(ae.getMessage()).as("the error says what was wrong").isNotBlank();
    return e.getClass().getSimpleName() + "(" + field + ")";
  }

  // ---- the model ---------------------------------------------------------------------------

  private static boolean matches(Model m, Query q) {
    if (q.labelSelector() != null) {
      for (LabelSelector.Requirement r : q.labelSelector().requirements()) {
        String v = m.labels().get(r.key());
        boolean ok = switch (r.operator()) {
          case EQUALS -> r.values().get(0).equals(v);
          case NOT_EQUALS -> !r.values().get(0).equals(v);
          case IN -> v != null && r.values().contains(v);
          case NOT_IN -> v == null || !r.values().contains(v);
          case EXISTS -> v != null;
          case DOES_NOT_EXIST -> v == null;
        };
        if (!ok) {
          return false;
        }
      }
    }
    if (q.createdAfter() != null || q.createdBefore() != null) {
      Instant now = Instant.now();
      // Every row was created during this run, long after any instant the run generates
      // below year 2020 and long before any above year 3000.
      if (q.createdAfter() != null && !q.createdAfter().isBefore(now)
          || q.createdBefore() != null && !q.createdBefore().isAfter(now)) {
        return false;
      }
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      JsonNode node = "spec".equals(f.path().root()) ? m.spec() : m.status();
      for (String seg : f.path().segments()) {
        node = node != null && node.isObject() ? node.get(seg) : null;
      }
      boolean isNull = node == null || node.isNull();
      boolean ok = switch (f.operator()) {
        case IS_NULL -> isNull;
        case IS_NOT_NULL -> !isNull;
        case EQUALS -> equal(node, f.value());
        // QueryTck covers the others; the generator (and so the pinned digest) makes only these.
        default -> throw new IllegalStateException("the fuzz generator makes no " + f.operator());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean equal(JsonNode stored, JsonNode value) {
    if (stored == null) {
      return false;
    }
    if (value.isNumber()) {
      return stored.isNumber() && stored.decimalValue().compareTo(value.decimalValue()) == 0;
    }
    if (value.isTextual()) {
      return stored.isTextual() && stored.textValue().equals(value.textValue());
    }
    return stored.isBoolean() && value.isBoolean() && stored.booleanValue() == value.booleanValue();
  }

  // ---- generators --------------------------------------------------------------------------

  private String pick(String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  private String junk(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(JUNK.charAt(rnd.nextInt(JUNK.length())));
    }
    return b.toString();
  }

  /** Inserts, deletes or replaces one character (may split a surrogate pair). */
  private String mutate(String s) {
    int at = rnd.nextInt(s.length() + 1);
    return switch (rnd.nextInt(3)) {
      case 0 -> s.substring(0, at) + junk(1) + s.substring(at);
      case 1 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s;
      default -> at < s.length() ? s.substring(0, at) + junk(1) + s.substring(at + 1) : s;
    };
  }

  private String selectorText() {
    if (rnd.nextInt(25) == 0) {
      StringBuilder many = new StringBuilder("k");
      int n = LabelSelector.MAX_REQUIREMENTS - 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        many.append(",!x").append(i);
      }
      return many.toString();
    }
    int n = rnd.nextInt(4);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(rnd.nextInt(20) == 0 ? " , " : ",");
      }
      String key = rnd.nextInt(15) == 0 ? junk(1 + rnd.nextInt(5)) : pick(KEYS);
      switch (rnd.nextInt(7)) {
        case 0 -> b.append(key).append('=').append(pick(VALUES));
        case 1 -> b.append(key).append("==").append(pick(VALUES));
        case 2 -> b.append(key).append("!=").append(pick(VALUES));
        case 3 -> b.append(key).append(" in (").append(valueSet()).append(')');
        case 4 -> b.append(key).append(" notin (").append(valueSet()).append(')');
        case 5 -> b.append(key);
        default -> b.append('!').append(key);
      }
    }
    String s = b.toString();
    return rnd.nextInt(8) == 0 ? mutate(s) : s;
  }

  private String valueSet() {
    int n = rnd.nextInt(3) + 1;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? "," : "").append(pick(VALUES));
    }
    return b.toString();
  }

  private String pathText() {
    String root = rnd.nextInt(6) == 0 ? "status" : "spec";
    String p;
    switch (rnd.nextInt(10)) {
      case 0 -> p = root + ".instructions";
      case 1 -> p = root + ".envSpec." + quoteSegment(pick(FIELDS)) + "." + pick(FIELDS);
      case 2 -> p = junk(1 + rnd.nextInt(12));
      case 3 -> p = root + "." + quoteSegment(junk(1 + rnd.nextInt(6)));
      default -> p = root + ".envSpec." + quoteSegment(pick(FIELDS));
    }
    return rnd.nextInt(12) == 0 ? mutate(p) : p;
  }

  private String quoteSegment(String s) {
    boolean plain = s.matches("[A-Za-z_][A-Za-z0-9_]*");
    return plain && rnd.nextInt(3) > 0 ? s : "\"" + s + "\"";
  }

  private Object value() {
    return switch (rnd.nextInt(9)) {
      case 0 -> new BigDecimal(pick(NUMBERS));
      case 1 -> pick(STRINGS);
      case 2 -> rnd.nextBoolean();
      case 3 -> null;
      case 4 -> rnd.nextInt(7) - 3;
      case 5 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1.5,
          -0.0, 3.0).get(rnd.nextInt(7));
      case 6 -> Long.MAX_VALUE;
      case 7 -> Float.NaN;
      default -> new BigDecimal(pick(NUMBERS)).toBigInteger();
    };
  }

  private String literalText() {
    return switch (rnd.nextInt(6)) {
      case 0 -> pick(NUMBERS);
      case 1 -> quote(pick(STRINGS));
      case 2 -> rnd.nextBoolean() ? "true" : "false";
      case 3 -> "null";
      case 4 -> junk(1 + rnd.nextInt(6));
      default -> List.of("NaN", "Infinity", "[1]", "{}", "01", "1.", ".5", "\"x\" y").get(
          rnd.nextInt(8));
    };
  }

  private String nameText() {
    return switch (rnd.nextInt(5)) {
      case 0 -> junk(rnd.nextInt(20));
      case 1 -> pick(STRINGS) + "-" + rnd.nextInt(50);
      case 2 -> rnd.nextInt(30) == 0 ? "n".repeat(1025) : "Name " + rnd.nextInt(300);
      default -> "agent-" + rnd.nextInt(400);
    };
  }

  private String slugText() {
    return switch (rnd.nextInt(4)) {
      case 0 -> "s" + rnd.nextInt(300);
      case 1 -> junk(1 + rnd.nextInt(8)).toLowerCase(java.util.Locale.ROOT);
      case 2 -> "a".repeat(62 + rnd.nextInt(3));
      default -> "slug-" + rnd.nextInt(100) + (rnd.nextBoolean() ? "-" : "");
    };
  }

  private String stringValue() {
    return switch (rnd.nextInt(4)) {
      case 0 -> junk(rnd.nextInt(12));
      case 1 -> rnd.nextInt(20) == 0 ? "m".repeat(rnd.nextBoolean() ? 255 : 5000) : "alice";
      default -> pick(STRINGS);
    };
  }

  private Instant instant() {
    return switch (rnd.nextInt(8)) {
      case 0 -> Instant.MIN;
      case 1 -> Instant.MAX;
      case 2 -> Query.EARLIEST_INSTANT;
      case 3 -> Query.LATEST_INSTANT;
      case 4 -> Query.EARLIEST_INSTANT.minusNanos(1);
      case 5 -> Query.LATEST_INSTANT.plusNanos(1);
      case 6 -> Instant.ofEpochSecond(rnd.nextInt(1_500_000_000), rnd.nextInt(1_000_000_000));
      default -> Instant.parse("3000-01-01T00:00:00Z").plusSeconds(rnd.nextInt(1_000_000_000));
    };
  }

  /** Instants for prune: out of range, or before any row of the run (pruning then deletes none). */
  private Instant pruneInstant() {
    return switch (rnd.nextInt(6)) {
      case 0 -> Instant.MIN;
      case 1 -> Instant.MAX;
      case 2 -> Query.EARLIEST_INSTANT;
      case 3 -> Query.EARLIEST_INSTANT.minusNanos(1);
      case 4 -> Query.LATEST_INSTANT.plusNanos(1);
      default -> Instant.ofEpochSecond(rnd.nextInt(1_500_000_000), rnd.nextInt(1_000_000_000));
    };
  }

  private Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      String key = rnd.nextInt(12) == 0 ? (rnd.nextInt(3) == 0 ? null : junk(1 + rnd.nextInt(5)))
          : pick(KEYS);
      String value = rnd.nextInt(12) == 0 ? (rnd.nextInt(3) == 0 ? null : junk(rnd.nextInt(5)))
          : pick(VALUES);
      m.put(key, value);
    }
    return m;
  }

  private Map<String, String> annotations() {
    Map<String, String> m = new LinkedHashMap<>();
    if (rnd.nextInt(3) == 0) {
      m.put(rnd.nextInt(10) == 0 ? null : pick(KEYS), rnd.nextInt(6) == 0 ? pick(STRINGS)
          : "note");
    }
    return m;
  }

  private ObjectNode document() {
    ObjectNode env = NODES.objectNode();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      String field = pick(FIELDS);
      switch (rnd.nextInt(6)) {
        case 0, 1 -> env.put(field, new BigDecimal(pick(NUMBERS)));
        case 2 -> env.put(field, pick(STRINGS));
        case 3 -> env.put(field, rnd.nextBoolean());
        case 4 -> env.putNull(field);
        default -> env.putObject(field).put(pick(FIELDS), new BigDecimal(pick(NUMBERS)));
      }
    }
    return env;
  }

  private String documentText() {
    StringBuilder b = new StringBuilder("{");
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? "," : "").append(quote(pick(FIELDS))).append(':');
      switch (rnd.nextInt(5)) {
        case 0 -> b.append(pick(NUMBERS));
        case 1 -> b.append(quote(pick(STRINGS)));
        case 2 -> b.append(literalText());
        case 3 -> b.append("{\"d\":").append(documentText()).append('}');
        default -> b.append('[').append(pick(NUMBERS)).append(']');
      }
    }
    return b.append('}').toString();
  }

  /** A JSON string literal of {@code s}, escaping only quotes, backslashes and controls. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** The newest change-feed sequence of {@code s} (0 when empty). */
  private static long head(AgentStore s) {
    return head(s, 0);
  }

  /** The newest change-feed sequence of {@code s}, reading after {@code from}. */
  private static long head(AgentStore s, long from) {
    long last = from;
    while (true) {
      List<ResourceVersion> next = s.changes().since(last, 1000);
      if (next.isEmpty()) {
        return last;
      }
      last = next.get(next.size() - 1).sequence();
    }
  }
}
