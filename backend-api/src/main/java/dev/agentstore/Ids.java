package dev.agentstore;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Resource ids: {@code <kind prefix>-<26-char lowercase Crockford ULID>}. Ids made in the same
 * millisecond by one process are strictly increasing (monotonic ULIDs), so they sort by creation.
 *
 * <p>Usage: {@code String id = Ids.next(Kind.AGENT); Ids.require(id, Kind.AGENT, "metadata.id");}
 */
public final class Ids {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final Pattern ULID = Pattern.compile("[0-7][0-9abcdefghjkmnpqrstvwxyz]{25}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Object LOCK = new Object();
  private static long lastMillis = -1;
  private static long randHigh; // upper 16 of the 80 random bits
  private static long randLow; // lower 64 of the 80 random bits

  private Ids() {}

  /** A fresh id for {@code kind}. */
  public static String next(Kind kind) {
    return kind.prefix() + "-" + nextUlid();
  }

  /** A fresh lowercase ULID, monotonic within a millisecond. */
  public static String nextUlid() {
    long millis;
    long hi;
    long lo;
    synchronized (LOCK) {
      long now = System.currentTimeMillis();
      if (now > lastMillis) {
        lastMillis = now;
        randHigh = RANDOM.nextInt(1 << 16);
        randLow = RANDOM.nextLong();
      } else {
        // Same (or a backwards-stepped) millisecond: increment the random part, carrying upward.
        randLow++;
        if (randLow == 0) {
          randHigh++;
          if (randHigh >= (1 << 16)) {
            lastMillis++; // overflow of 2^80 ids in one ms: borrow the next millisecond
            randHigh = 0;
          }
        }
      }
      millis = lastMillis;
      hi = randHigh;
      lo = randLow;
    }
    char[] out = new char[26];
    // 48-bit time in 10 chars (the first holds 3 bits).
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 random bits in 16 chars, lowest first.
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo = (lo >>> 5) | ((hi & 31) << 59);
      hi >>>= 5;
    }
    return new String(out);
  }

  /** Whether {@code id} is a well-formed id of {@code kind}. */
  public static boolean isValid(String id, Kind kind) {
    return id != null
        && id.length() == kind.prefix().length() + 27
        && id.startsWith(kind.prefix() + "-")
        && ULID.matcher(id.substring(kind.prefix().length() + 1)).matches();
  }

  /** Returns {@code id} if it is a well-formed id of {@code kind}; otherwise says what is wrong. */
  public static String require(String id, Kind kind, String field) {
    if (id == null || id.isBlank()) {
      throw new InvalidArgumentException(field, "an id is required");
    }
    if (!isValid(id, kind)) {
      throw new InvalidArgumentException(field, "'" + Text.clip(id) + "' is not a "
          + kind.kindName() + " id (" + kind.prefix() + "-<26-char lowercase ULID>)");
    }
    return id;
  }

  /** The kind of a well-formed id of any kind; otherwise says what is wrong. */
  public static Kind requireAnyKind(String id, String field) {
    if (id == null || id.isBlank()) {
      throw new InvalidArgumentException(field, "an id is required");
    }
    Kind k = Kind.fromId(id).filter(kind -> isValid(id, kind)).orElse(null);
    if (k == null) {
      throw new InvalidArgumentException(field, "'" + Text.clip(id)
          + "' is not an id (<known prefix>-<26-char lowercase ULID>)");
    }
    return k;
  }
}
