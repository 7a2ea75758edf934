package dev.agentstore;

import dev.agentstore.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A dotted path into a resource's {@code spec} or {@code status}, e.g. {@code spec.config.model} or
 * {@code spec.data."my.key".description} (quoted segments for keys with odd characters; quotes
 * and backslashes are not allowed inside a segment, nor control characters or unpaired surrogates).
 *
 * <p>Usage: {@code JsonPath p = JsonPath.parse("spec.config.model");}
 *
 * @param root {@code spec} or {@code status}
 * @param segments the field names below the root, at least one
 */
public record JsonPath(String root, List<String> segments) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Validates the root and copies the segments. */
  public JsonPath {
    if (!"spec".equals(root) && !"status".equals(root)) {
      throw new InvalidArgumentException("jsonPath: must start with 'spec.' or 'status.'");
    }
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new InvalidArgumentException("jsonPath: must name a field below '" + root + "'");
    }
    for (String seg : segments) {
      if (seg.isEmpty() || seg.length() > 256
          || seg.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\')) {
        throw new InvalidArgumentException("jsonPath: segment '" + Text.clip(seg)
            + "' must be 1-256 characters without control characters, quotes or backslashes");
      }
      Json.checkString(seg, "jsonPath");
    }
  }

  /** Parses {@code spec.a.b} or {@code status."odd key".c}. */
  public static JsonPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidArgumentException("jsonPath: must not be empty");
    }
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i <= text.length()) {
      if (i < text.length() && text.charAt(i) == '"') {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          b.append(text.charAt(i++));
        }
        if (i >= text.length()) {
          throw new InvalidArgumentException("jsonPath: unterminated quoted segment in '"
              + Text.clip(text) + "'");
        }
        i++;
        parts.add(b.toString());
      } else {
        int end = text.indexOf('.', i);
        end = end < 0 ? text.length() : end;
        String seg = text.substring(i, end);
        if (!PLAIN.matcher(seg).matches()) {
          throw new InvalidArgumentException("jsonPath: segment '" + Text.clip(seg) + "' of '"
              + Text.clip(text) + "' must be a name ([A-Za-z_][A-Za-z0-9_]*) or quoted");
        }
        parts.add(seg);
        i = end;
      }
      if (i == text.length()) {
        break;
      }
      if (text.charAt(i) != '.') {
        throw new InvalidArgumentException("jsonPath: expected '.' at position " + i + " of '"
            + Text.clip(text) + "'");
      }
      i++;
    }
    return new JsonPath(parts.get(0), parts.subList(1, parts.size()));
  }

  /**
   * The path as written: plain segments bare, others quoted ({@code spec.data."my.key"});
   * {@link #parse} reads it back. Used in explanations and error messages.
   */
  public String text() {
    StringBuilder b = new StringBuilder(root);
    for (String s : segments) {
      b.append('.');
      if (PLAIN.matcher(s).matches()) {
        b.append(s);
      } else {
        b.append('"').append(s).append('"');
      }
    }
    return b.toString();
  }

  /** The canonical text, every segment quoted (stable, used to bind page tokens). */
  public String canonical() {
    StringBuilder b = new StringBuilder(root);
    for (String s : segments) {
      b.append(".\"").append(s).append('"');
    }
    return b.toString();
  }
}
