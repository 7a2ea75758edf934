package dev.agentstore;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Label rules, as in Kubernetes: a key is {@code [prefix/]name}, the name at most 63 characters of
 * {@code [A-Za-z0-9._-]} starting and ending with a letter or digit, the prefix a DNS subdomain of
 * at most 253 characters; a value is empty or follows the same rule as a name.
 *
 * <p>Usage: {@code Labels.requireValid(metadata.labels(), "metadata.labels");}
 */
public final class Labels {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Labels() {}

  /** Why {@code key} is not a valid label key, or null when it is. */
  public static String keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return "a label key must not be empty";
    }
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return "label key '" + Text.clip(key) + "' has a prefix that is not a DNS subdomain of at"
            + " most 253 characters";
      }
    }
    if (!NAME.matcher(name).matches()) {
      return "label key '" + Text.clip(key) + "' must have a name of 1-63 characters of"
          + " [A-Za-z0-9._-] starting and ending with a letter or digit";
    }
    return null;
  }

  /** Why {@code value} is not a valid label value, or null when it is. */
  public static String valueProblem(String value) {
    if (value == null) {
      return "a label value must not be null (use the empty string)";
    }
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      return "label value '" + Text.clip(value) + "' must be empty or 1-63 characters of"
          + " [A-Za-z0-9._-] starting and ending with a letter or digit";
    }
    return null;
  }

  /** Checks every key and value of {@code labels}; the error names the field and the label. */
  public static void requireValid(Map<String, String> labels, String field) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String p = keyProblem(e.getKey());
      if (p == null) {
        p = valueProblem(e.getValue());
      }
      if (p != null) {
        throw new InvalidArgumentException(field, p);
      }
    }
  }
}
