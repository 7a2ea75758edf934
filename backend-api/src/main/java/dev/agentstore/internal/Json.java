package dev.agentstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.agentstore.InvalidArgumentException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON codec of agentstore: strict on input (duplicate keys, trailing content, depth over
 * 128, NUL and unpaired surrogates are rejected), exact with numbers (BigDecimal, never double),
 * and every Jackson error mapped to {@link InvalidArgumentException} naming the field.
 *
 * <p>Usage: {@code ObjectNode spec = Json.parseObject(text, "spec");}
 */
public final class Json {
  /**
   * The most digits a JSON number may have after the decimal point, before it (so its magnitude
   * is below 1e1000), and in all (significant digits). PostgreSQL's numeric allows about 131072
   * digits before the point and 16383 after, and prints jsonb numbers in plain notation (1e999
   * comes back as 1000 digits); SQLite keeps the text. Within these bounds every backend stores
   * a number exactly and reads it back within {@link #MAX_NUMBER_TEXT} characters, and a value
   * read back from one backend passes the same check when written again.
   */
  public static final int MAX_NUMBER_DIGITS = 1000;
  /** The longest number text the parser reads (a sign, the digits either side, a point). */
  static final int MAX_NUMBER_TEXT = 2 * MAX_NUMBER_DIGITS + 16;
  /** The deepest nesting a document may have. */
  public static final int MAX_DEPTH = 128;

  /** The configured mapper; never hand it out to callers who might reconfigure it. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      // After JavaTimeModule, so its Instant deserializer is the one used (CanonicalInstants).
      .addModule(new SimpleModule("canonical-instants")
          .addDeserializer(Instant.class, new CanonicalInstants()))
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  static {
    // Leave room above MAX_DEPTH so our own check, with its clear message, is the one that fires.
    // Numbers likewise: our digit/exponent check gives the clear message. The room also matters
    // on the way back: PostgreSQL prints jsonb numbers in plain notation (1e1000 comes back as
    // 1000 digits), so a stored number can be up to MAX_NUMBER_TEXT long.
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_DEPTH + 8)
        .maxNumberLength(MAX_NUMBER_TEXT).build());
  }

  private Json() {}

  /** The shared node factory (exact decimals). */
  public static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }

  /** Parses any JSON document; the error names {@code field}. */
  public static JsonNode parse(String text, String field) {
    if (text == null) {
      throw new InvalidArgumentException(field + ": JSON document must not be null");
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidArgumentException(field + ": empty JSON document");
      }
      validate(node, field);
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON object; anything else is rejected. */
  public static ObjectNode parseObject(String text, String field) {
    JsonNode node = parse(text, field);
    if (!node.isObject()) {
      throw new InvalidArgumentException(field + ": must be a JSON object, got "
          + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return (ObjectNode) node;
  }

  /** Parses JSON the store wrote itself (already validated on the way in). */
  public static JsonNode parseTrusted(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads stored JSON text straight into {@code type}, without building a tree first; the same
   * values {@code fromTree(parseTrusted(text), type, field)} gives (floats as exact decimals).
   */
  public static <T> T readTrusted(String text, Class<T> type, String field) {
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field + ": does not fit " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** Converts a record (or null) to a validated object tree; null stays null. */
  public static ObjectNode toObject(Object value, String field) {
    if (value == null) {
      return null;
    }
    JsonNode node;
    try {
      node = MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(field + ": cannot be written as JSON: " + e.getMessage(), e);
    }
    if (!node.isObject()) {
      throw new InvalidArgumentException(field + ": must be a JSON object");
    }
    validate(node, field);
    return (ObjectNode) node;
  }

  /** Converts any value to a validated tree. */
  public static JsonNode toTree(Object value, String field) {
    JsonNode node = MAPPER.valueToTree(value);
    validate(node, field);
    return node;
  }

  /** Reads a tree as {@code type}; the error names {@code field}. */
  public static <T> T fromTree(JsonNode node, Class<T> type, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidArgumentException(field + ": does not fit " + type.getSimpleName() + ": "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  /** Writes a tree (or any value) as compact JSON. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Checks depth and strings (no NUL, no unpaired surrogates) of a whole tree. */
  public static void validate(JsonNode node, String field) {
    validate(node, field, 1);
  }

  private static void validate(JsonNode node, String field, int depth) {
    if (node.isContainerNode() && depth > MAX_DEPTH) {
      throw new InvalidArgumentException(field + ": JSON nested deeper than " + MAX_DEPTH);
    }
    if (node.isTextual()) {
      checkString(node.textValue(), field);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        checkString(e.getKey(), field);
        validate(e.getValue(), field + "." + e.getKey(), depth + 1);
      }
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode child : node) {
        validate(child, field + "[" + i++ + "]", depth + 1);
      }
    } else if (node.isNumber()) {
      checkNumber(node, field);
    }
  }

  /**
   * Rejects numbers that are not finite or exceed {@link #MAX_NUMBER_DIGITS} digits after the
   * point, before it or in all: one backend could not store them, so none accepts them.
   */
  private static void checkNumber(JsonNode node, String field) {
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      throw new InvalidArgumentException(field + ": numbers must be finite");
    }
    java.math.BigDecimal d = node.decimalValue();
    java.math.BigDecimal stripped = d.signum() == 0 ? java.math.BigDecimal.ZERO
        : d.stripTrailingZeros();
    long before = (long) stripped.precision() - stripped.scale();
    if (Math.abs((long) d.scale()) > MAX_NUMBER_DIGITS || before > MAX_NUMBER_DIGITS
        || stripped.precision() > MAX_NUMBER_DIGITS) {
      throw new InvalidArgumentException(field + ": numbers must be below 1e" + MAX_NUMBER_DIGITS
          + " in magnitude, with at most " + MAX_NUMBER_DIGITS + " significant digits and at most "
          + MAX_NUMBER_DIGITS + " after the decimal point (exponent out of range)");
    }
  }

  /** Rejects NUL and unpaired surrogates: PostgreSQL cannot store them, so no backend accepts them. */
  public static void checkString(String s, String field) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new InvalidArgumentException(field + ": strings must not contain NUL (\\u0000)");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new InvalidArgumentException(field + ": string has an unpaired surrogate at " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new InvalidArgumentException(field + ": string has an unpaired surrogate at " + i);
      }
    }
  }
}
