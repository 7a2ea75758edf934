package dev.agentstore.artifact;

import dev.agentstore.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The key rules every artifact store applies, so a key valid on one store is valid on all.
 *
 * <p>A key is {@code <scope>/<name>} (the name may hold further {@code /}-separated segments), at
 * most {@value #MAX_KEY_BYTES} UTF-8 bytes, each segment at most {@value #MAX_SEGMENT_BYTES} bytes.
 * Rejected: absolute keys, empty segments, {@code .} and {@code ..}, backslashes, NUL and other
 * control characters, unpaired surrogates, and segments starting with {@value #RESERVED_PREFIX}
 * (the stores' own temporary and staging names). Keys sort in UTF-8 byte order, as S3 lists them.
 *
 * <p>Usage: {@code ArtifactKeys.requireValidKey("wex-01j9/report.pdf");}
 */
public final class ArtifactKeys {
  /** Longest key in UTF-8 bytes (S3's limit). */
  public static final int MAX_KEY_BYTES = 1024;
  /**
   * Longest segment in UTF-8 bytes: a file name may have 255, and this leaves room for the suffix
   * that filesystem-backed stores and S3 servers add to temporary files.
   */
  public static final int MAX_SEGMENT_BYTES = 200;
  /** Segments starting with this are reserved for the stores' internal files and objects. */
  public static final String RESERVED_PREFIX = ".agentstore";

  /** Orders keys by their UTF-8 bytes, the order {@link ArtifactStore#list} returns. */
  public static final Comparator<String> ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private ArtifactKeys() {}

  /** Returns the key if it is valid, otherwise throws {@link InvalidArgumentException} saying why. */
  public static String requireValidKey(String key) {
    checkText("key", key);
    if (key.endsWith("/")) {
      throw invalid("key", key, "must not end with '/'");
    }
    checkSegments("key", key, key.split("/", -1));
    if (key.indexOf('/') < 0) {
      throw invalid("key", key, "must be <scope>/<name>, with at least one '/'");
    }
    return key;
  }

  /**
   * Returns the folder prefix if valid: one or more valid segments each followed by {@code /}, such
   * as {@code "wex-01j9/"}. Used where a prefix selects whole folders (delete, content addressing).
   */
  public static String requireValidFolder(String prefix) {
    checkText("prefix", prefix);
    if (!prefix.endsWith("/")) {
      throw invalid("prefix", prefix, "must end with '/' so that it names a folder (\"wex-1\" would also match \"wex-10/...\")");
    }
    checkSegments("prefix", prefix, prefix.substring(0, prefix.length() - 1).split("/", -1));
    return prefix;
  }

  /**
   * Returns the list prefix if valid: any beginning of a valid key, the empty string included (it
   * lists everything). Only characters are checked, since a partial segment is allowed.
   */
  public static String requireValidListPrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidArgumentException("prefix must not be null (use \"\" to list everything)");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    checkText("prefix", prefix);
    return prefix;
  }

  /**
   * Whether some valid key could start with this list prefix; false for prefixes such as {@code
   * "../"} or {@code "a//"}, which stores answer with an empty page instead of asking the disk or server.
   */
  public static boolean canPrefixAKey(String prefix) {
    int slash = prefix.lastIndexOf('/');
    if (slash < 0) {
      return !prefix.startsWith(RESERVED_PREFIX);
    }
    try {
      requireValidFolder(prefix.substring(0, slash + 1));
    } catch (InvalidArgumentException e) {
      return false;
    }
    return !prefix.substring(slash + 1).startsWith(RESERVED_PREFIX);
  }

  private static void checkText(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidArgumentException(what + " must not be null or empty");
    }
    if (value.startsWith("/")) {
      throw invalid(what, value, "must be relative, not start with '/'");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw invalid(what, value, "contains NUL at index " + i);
      }
      if (Character.isISOControl(c)) {
        throw invalid(what, value, String.format("contains control character U+%04X at index %d", (int) c, i));
      }
      if (c == '\\') {
        throw invalid(what, value, "contains a backslash at index " + i + "; use '/' between segments");
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw invalid(what, value, "contains an unpaired surrogate at index " + i);
        }
        i++;
      }
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw invalid(what, value, "is " + bytes + " UTF-8 bytes, more than " + MAX_KEY_BYTES);
    }
  }

  private static void checkSegments(String what, String value, String[] segments) {
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw invalid(what, value, "has an empty segment ('//')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid(what, value, "has a '" + segment + "' segment");
      }
      if (segment.startsWith(RESERVED_PREFIX)) {
        throw invalid(what, value, "has a segment starting with '" + RESERVED_PREFIX + "', which is reserved for the store");
      }
      int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_SEGMENT_BYTES) {
        throw invalid(what, value, "has a segment of " + bytes + " UTF-8 bytes, more than " + MAX_SEGMENT_BYTES);
      }
    }
  }

  private static InvalidArgumentException invalid(String what, String value, String why) {
    return new InvalidArgumentException("artifact " + what + " " + quote(value) + " " + why);
  }

  /** Quotes a key for an error message, escaping control characters and cutting long keys. */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder("\"");
    int limit = Math.min(value.length(), 120);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.append(value.length() > limit ? "...\"" : "\"").toString();
  }

  /** Returns {@code value}, or raises {@link InvalidArgumentException} naming the missing argument. */
  public static <T> T requirePresent(T value, String field) {
    if (value == null) {
      throw new InvalidArgumentException(field + ": required");
    }
    return value;
  }
}
