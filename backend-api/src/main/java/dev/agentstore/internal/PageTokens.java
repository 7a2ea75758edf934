package dev.agentstore.internal;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.spi.StoredQuery.Cursor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page tokens: the keyset position of the last row of a page, bound to the query that
 * produced it (a fingerprint of kind, view and filters), with an expiry, and authenticated with
 * an HMAC under a key kept in the store. A forged, tampered, foreign or expired token is refused.
 *
 * <p>Usage: {@code String t = tokens.issue(fingerprint, cursor); Cursor c = tokens.read(t, fingerprint);}
 */
final class PageTokens {
  private static final byte FORMAT = 1;
  /** A cursor in an order by a field: the id, then the field's value as JSON. */
  private static final byte FORMAT_FIELD = 2;
  /**
   * Room a field cursor's value may take beyond the document limit: a number the database hands
   * back in another notation ({@code 9e999} as 1,000 digits).
   */
  private static final int VALUE_SLACK = 2 * Json.MAX_NUMBER_DIGITS + 64;
  private static final int MAC_BYTES = 16;
  private static final int FINGERPRINT_BYTES = 16;

  private final byte[] key;
  private final Clock clock;
  private final Duration ttl;
  /** The longest token read: a field cursor carries a value as large as a document allows. */
  private final long maxTokenChars;

  PageTokens(byte[] key, Clock clock, Duration ttl, int maxDocumentBytes) {
    this.key = key.clone();
    this.clock = clock;
    this.ttl = ttl;
    long rawBytes = 1 + FINGERPRINT_BYTES + 8 + 1 + 255 + (long) maxDocumentBytes + VALUE_SLACK
        + MAC_BYTES;
    this.maxTokenChars = 4 * ((rawBytes + 2) / 3);
  }

  /** The fingerprint binding a token to the query (page size and token excluded) and the view. */
  static byte[] fingerprint(Kind kind, String viewOrg, Query q) {
    StringBuilder b = new StringBuilder();
    b.append(kind.name()).append('|').append(viewOrg).append('|').append(q.org()).append('|')
        .append(q.labelSelector() == null ? "" : q.labelSelector().canonical()).append('|')
        .append(q.phase()).append('|');
    for (Map.Entry<RefField, String> e : q.refs().entrySet()) {
      b.append(e.getKey()).append('=').append(e.getValue()).append(';');
    }
    b.append('|').append(q.createdAfter()).append('|').append(q.createdBefore()).append('|');
    if (!q.phases().isEmpty() || !q.timeBounds().isEmpty() || q.orderByPath() != null) {
      // Only queries using the newer parts hash them, so tokens of older queries stay valid.
      b.append(q.phases()).append('|');
      for (Query.TimeBound t : q.timeBounds()) {
        b.append(t.field()).append(' ').append(t.operator()).append(' ').append(t.value())
            .append(';');
      }
      b.append('|').append(q.orderByPath() == null ? "" : q.orderByPath().canonical())
          .append('|');
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      b.append(f.path().canonical()).append(' ').append(f.operator()).append(' ')
          .append(Json.write(f.value())).append(';');
    }
    b.append('|').append(q.orderBy()).append('|').append(q.descending());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, FINGERPRINT_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** {@code fingerprint} bound also to {@code more} (a query built on another query). */
  static byte[] extend(byte[] fingerprint, String more) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(fingerprint);
      return Arrays.copyOf(d.digest(more.getBytes(StandardCharsets.UTF_8)), FINGERPRINT_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** A token continuing after {@code cursor}. */
  String issue(byte[] fingerprint, Cursor cursor) {
    if (cursor.fieldValue() != null) {
      return issueField(fingerprint, cursor);
    }
    byte[] id = cursor.id().getBytes(StandardCharsets.UTF_8);
    long expires = clock.instant().plus(ttl).getEpochSecond();
    ByteBuffer body = ByteBuffer.allocate(1 + FINGERPRINT_BYTES + 8 + 4 + 8 + id.length);
    body.put(FORMAT).put(fingerprint).putLong(cursor.sortValue().getEpochSecond())
        .putInt(cursor.sortValue().getNano()).putLong(expires).put(id);
    byte[] payload = body.array();
    byte[] mac = mac(payload);
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private String issueField(byte[] fingerprint, Cursor cursor) {
    byte[] id = cursor.id().getBytes(StandardCharsets.UTF_8);
    byte[] value = Json.write(cursor.fieldValue()).getBytes(StandardCharsets.UTF_8);
    long expires = clock.instant().plus(ttl).getEpochSecond();
    ByteBuffer body = ByteBuffer.allocate(1 + FINGERPRINT_BYTES + 8 + 1 + id.length
        + value.length);
    body.put(FORMAT_FIELD).put(fingerprint).putLong(expires).put((byte) id.length).put(id)
        .put(value);
    byte[] payload = body.array();
    byte[] mac = mac(payload);
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /** The cursor of a token issued for this fingerprint; anything else is refused. */
  Cursor read(String token, byte[] fingerprint) {
    if (token.length() > maxTokenChars) {
      throw bad("is not a page token");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw bad("is not a page token");
    }
    int min = 1 + FINGERPRINT_BYTES + 8 + 4 + 8 + MAC_BYTES;
    boolean field = raw.length > 0 && raw[0] == FORMAT_FIELD;
    if (raw.length < (field ? 1 + FINGERPRINT_BYTES + 8 + 1 + MAC_BYTES : min)
        || !field && raw.length > min + 64) {
      throw bad("is not a page token");
    }
    // The decoder ignores the unused low bits of the last character (and accepts padding), so
    // several strings decode alike; only the one this class issues is a token.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
      throw bad("is not in canonical form; pass the token exactly as it was returned");
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    byte[] mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
    if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), MAC_BYTES))) {
      throw bad("was not issued by this store or was altered");
    }
    ByteBuffer body = ByteBuffer.wrap(payload);
    byte format = body.get();
    if (format != FORMAT && format != FORMAT_FIELD) {
      throw bad("has an unknown format");
    }
    byte[] fp = new byte[FINGERPRINT_BYTES];
    body.get(fp);
    if (!MessageDigest.isEqual(fp, fingerprint)) {
      throw bad("belongs to another query; pass the token only with the query that returned it");
    }
    if (format == FORMAT_FIELD) {
      long expires = body.getLong();
      if (clock.instant().getEpochSecond() > expires) {
        throw bad("has expired; start again from the first page");
      }
      int idLength = body.get() & 0xff;
      if (body.remaining() < idLength) {
        throw bad("is not a page token");
      }
      byte[] id = new byte[idLength];
      body.get(id);
      byte[] value = new byte[body.remaining()];
      body.get(value);
      // Authenticated by the MAC above: the value is one this store wrote.
      return new Cursor(null, new String(id, StandardCharsets.UTF_8),
          Json.parseTrusted(new String(value, StandardCharsets.UTF_8)));
    }
    long seconds = body.getLong();
    int nanos = body.getInt();
    long expires = body.getLong();
    if (clock.instant().getEpochSecond() > expires) {
      throw bad("has expired; start again from the first page");
    }
    byte[] id = new byte[body.remaining()];
    body.get(id);
    return new Cursor(Instant.ofEpochSecond(seconds, nanos), new String(id, StandardCharsets.UTF_8));
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static InvalidArgumentException bad(String why) {
    return new InvalidArgumentException("pageToken: " + why);
  }
}
