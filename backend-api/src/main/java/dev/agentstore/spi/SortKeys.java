package dev.agentstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order-preserving text keys of JSON values: two keys compare bytewise (SQLite's BINARY,
 * PostgreSQL's {@code COLLATE "C"}) as their values compare, exactly. The store writes them into
 * the columns of indexed fields ({@link IndexedField}) and binds them in filters and page
 * cursors, so one text comparison means the same on every backend.
 *
 * <ul>
 *   <li>Numbers by exact decimal value: {@code 0.1 + 0.2} style values and integers past 2^53
 *       keep their order ({@code 1.5} and {@code 1.50} have one key).
 *   <li>Timestamps: strings of the form the codec writes for an {@code Instant},
 *       {@code yyyy-MM-ddTHH:mm:ss[.f]Z} with 0 to 9 fraction digits and a year 0001-9999,
 *       compared as instants (so {@code 12:00:00Z} is before {@code 12:00:00.5Z}, which a string
 *       comparison gets wrong). Other strings are not timestamps.
 *   <li>{@link #ABSENT} for an absent or null field: it sorts after every other key.
 * </ul>
 *
 * <p>Usage: {@code String k = SortKeys.decimal(new BigDecimal("0.3"));}
 */
public final class SortKeys {
  /** The key of an absent (or JSON null) field; greater than every other key. */
  public static final String ABSENT = "~";
  private static final Pattern INSTANT = Pattern.compile(
      "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?Z");

  private SortKeys() {}

  /**
   * The key of a decimal: {@code 1} for zero; {@code 2}, the exponent of the leading digit plus
   * 5000 in four digits, then the significant digits for a positive number; {@code 0}, 5000
   * minus the exponent, the nines' complement of the digits and {@code ~} for a negative one.
   * Numbers are below 1e1000 with at most 1000 digits after the point (the store's limits), so
   * the exponent fits.
   */
  public static String decimal(BigDecimal n) {
    if (n.signum() == 0) {
      return "1";
    }
    BigDecimal s = n.stripTrailingZeros();
    String digits = s.unscaledValue().abs().toString();
    long exponent = (long) digits.length() - s.scale() - 1;
    StringBuilder b = new StringBuilder(digits.length() + 6);
    if (s.signum() > 0) {
      appendExponent(b.append('2'), 5000 + exponent).append(digits);
    } else {
      appendExponent(b.append('0'), 5000 - exponent);
      for (int i = 0; i < digits.length(); i++) {
        b.append((char) ('9' - (digits.charAt(i) - '0')));
      }
      b.append('~');
    }
    return b.toString();
  }

  /**
   * Appends a biased exponent as at least four digits, as {@code %04d} would (String.format was
   * a visible share of a write's CPU: every indexed number of every row goes through here).
   */
  private static StringBuilder appendExponent(StringBuilder b, long biased) {
    String digits = Long.toString(Math.abs(biased));
    int width = 4;
    if (biased < 0) {
      b.append('-'); // %04d counts the sign in the width
      width = 3;
    }
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits);
  }

  /**
   * The key of a timestamp string (see the class comment): its 23 digits, year to nanosecond,
   * or null when {@code text} is not a timestamp: not of the form, year 0000, or not a real
   * date and time (month 13, February 30, hour 24, second 60).
   */
  public static String instant(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = INSTANT.matcher(text);
    if (!m.matches() || "0000".equals(m.group(1))) {
      return null;
    }
    try {
      java.time.LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    } catch (java.time.DateTimeException notADate) {
      return null;
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    return m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + m.group(6)
        + fraction + "000000000".substring(fraction.length());
  }

  /**
   * The key of a string: {@code s} and the string. UTF-8 bytes compare as code points do, and
   * every key starts below {@link #ABSENT}, so absent values still sort last.
   */
  public static String text(String value) {
    return "s" + value;
  }

  /** The key of an instant (years 1 to 9999), as the codec writes it. */
  public static String instant(Instant t) {
    return instant(DateTimeFormatter.ISO_INSTANT.format(t));
  }

  /**
   * The key of a JSON value held by a field of {@code type}: a number's for NUMBER, a timestamp
   * string's for TIMESTAMP, and {@link #ABSENT} for null, a missing node or a value of another
   * type.
   */
  public static String of(JsonNode value, IndexedField.Type type) {
    if (value == null) {
      return ABSENT;
    }
    if (type == IndexedField.Type.NUMBER && value.isNumber()) {
      return decimal(value.decimalValue());
    }
    if (type == IndexedField.Type.TIMESTAMP && value.isTextual()) {
      String k = instant(value.textValue());
      return k == null ? ABSENT : k;
    }
    if (type == IndexedField.Type.STRING && value.isTextual()) {
      return text(value.textValue());
    }
    if (type == IndexedField.Type.BOOLEAN && value.isBoolean()) {
      return value.booleanValue() ? "1" : "0";
    }
    return ABSENT;
  }
}
