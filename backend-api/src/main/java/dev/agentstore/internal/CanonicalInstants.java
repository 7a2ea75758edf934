package dev.agentstore.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an {@link Instant} written in the form the store writes
 * ({@code 2025-01-31T08:15:00.123Z}: four-digit year from 0001, upper-case {@code T} and
 * {@code Z}, zero to nine fraction digits) without {@code DateTimeFormatter}, whose parse was
 * about a tenth of a get's CPU (messages and tool calls carry several instants each). Any other
 * text, number or token goes to Jackson's own {@link InstantDeserializer}, so what is accepted,
 * what it means and what is refused stay as they were; {@code CanonicalInstantsTest} checks the
 * two agree.
 *
 * <p>Usage: {@code new SimpleModule().addDeserializer(Instant.class, new CanonicalInstants())}
 */
final class CanonicalInstants extends StdScalarDeserializer<Instant>
    implements ContextualDeserializer {
  private static final long serialVersionUID = 1L;
  private final JsonDeserializer<Instant> standard;

  CanonicalInstants() {
    this(InstantDeserializer.INSTANT);
  }

  private CanonicalInstants(JsonDeserializer<Instant> standard) {
    super(Instant.class);
    this.standard = standard;
  }

  @Override
  @SuppressWarnings("unchecked")
  public JsonDeserializer<?> createContextual(DeserializationContext ctx, BeanProperty property)
      throws JsonMappingException {
    JsonDeserializer<?> s = standard instanceof ContextualDeserializer c
        ? c.createContextual(ctx, property) : standard;
    return s == standard ? this : new CanonicalInstants((JsonDeserializer<Instant>) s);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      Instant fast = parse(p.getText());
      if (fast != null) {
        return fast;
      }
    }
    return standard.deserialize(p, ctx);
  }

  /** The instant {@code s} names when it has the canonical form, else null. */
  static Instant parse(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || n == 21 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-'
        || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.') {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
        nanos);
  }

  /** The decimal number in {@code s[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
