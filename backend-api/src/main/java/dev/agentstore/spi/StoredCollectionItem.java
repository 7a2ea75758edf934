package dev.agentstore.spi;

import java.time.Instant;
import java.util.Map;

/**
 * One item of a declared kind's collection as the backend stores it: a row of the collection's
 * table, keyed by (parent id, sequence) and, when it has one, (parent id, key).
 *
 * <p>Usage: {@code tx.appendCollectionItems(kind, "events", parentId, org, List.of(StoredCollectionItem.toAppend(key, json, keys, now, actor)))}
 *
 * @param sequence its position under its parent, from 1; assigned by the backend on append
 * @param key the caller's key, or null
 * @param json the item as a JSON object
 * @param keys the {@link SortKeys} key of each declared item field, by field name (only on
 *     append; empty as read back)
 * @param createdAt when it was appended
 * @param createdBy who appended it
 */
public record StoredCollectionItem(long sequence, String key, String json,
    Map<String, String> keys, Instant createdAt, String createdBy) {

  /** Copies the keys. */
  public StoredCollectionItem {
    keys = Map.copyOf(keys);
  }

  /** An item to append: the backend assigns its sequence. */
  public static StoredCollectionItem toAppend(String key, String json, Map<String, String> keys,
      Instant createdAt, String createdBy) {
    return new StoredCollectionItem(0, key, json, keys, createdAt, createdBy);
  }

  /** An item as read back. */
  public static StoredCollectionItem stored(long sequence, String key, String json,
      Instant createdAt, String createdBy) {
    return new StoredCollectionItem(sequence, key, json, Map.of(), createdAt, createdBy);
  }
}
