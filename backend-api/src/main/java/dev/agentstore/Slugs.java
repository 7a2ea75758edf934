package dev.agentstore;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Slugs: {@code ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$}, unique per (org, kind). Derived from a name
 * by lowercasing, turning each run of other characters into one hyphen, trimming hyphens and
 * cutting to 63 characters.
 *
 * <p>Usage: {@code String slug = Slugs.derive("Support Bot v2!", "metadata.name");} gives {@code support-bot-v2}.
 */
public final class Slugs {
  /** The longest slug. */
  public static final int MAX_LENGTH = 63;

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Slugs() {}

  /** Whether {@code slug} is a valid slug. */
  public static boolean isValid(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }

  /** Returns {@code slug} if valid; otherwise says why. */
  public static String require(String slug, String field) {
    if (!isValid(slug)) {
      throw new InvalidArgumentException(field, "'" + Text.clip(slug)
          + "' is not a valid slug (1-63 chars of a-z, 0-9 and '-', starting and ending with a"
          + " letter or digit)");
    }
    return slug;
  }

  /** The slug derived from {@code name}; a name that yields nothing is rejected. */
  public static String derive(String name, String field) {
    if (name == null || name.isBlank()) {
      throw new InvalidArgumentException(field, "a name is required to derive a slug");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    boolean pendingHyphen = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (pendingHyphen && b.length() > 0) {
          b.append('-');
        }
        pendingHyphen = false;
        b.append(c);
      } else {
        pendingHyphen = true;
      }
    }
    String slug = b.length() > MAX_LENGTH ? b.substring(0, MAX_LENGTH) : b.toString();
    while (slug.endsWith("-")) {
      slug = slug.substring(0, slug.length() - 1);
    }
    if (slug.isEmpty()) {
      throw new InvalidArgumentException(field, "the name '" + Text.clip(name)
          + "' has no letters or digits to derive a slug from; set metadata.slug");
    }
    return slug;
  }
}
