package dev.agentstore;

import java.util.List;
import java.util.Optional;

/**
 * The keyed, append-only items of one collection ({@link CollectionDefinition}) under one
 * resource of a declared kind. An append gives each new item the next sequence of its parent
 * and, like an append to an execution, bumps the parent's version and writes one
 * {@code APPENDED} history entry; its cost does not grow with the items already stored.
 *
 * <p>A key makes an append idempotent: appending under a key the collection already holds
 * writes nothing and returns the item stored first under it, even when the body differs (the
 * first write wins; compare {@link CollectionItem#item()} if a retry must be the same). Items
 * are never updated; deleting the parent deletes them. Bad input (an undeclared collection, an
 * item breaking its declared fields, a bad key) is an {@link InvalidArgumentException} naming
 * what is wrong and changes nothing; a parent the view cannot see is a
 * {@link NotFoundException}.
 *
 * <p>Usage: {@code ItemCollection<ObjectNode> events = store.resources(session).collection(sessionId, "events");}
 *
 * @param <I> the item type (an {@code ObjectNode}, or an application record read and written
 *     with Jackson)
 */
public interface ItemCollection<I> {

  /**
   * An item to append with its key.
   *
   * @param key the caller's key (1 to 255 characters, no control characters), or null
   * @param item the item
   * @param <I> the item type
   */
  record Entry<I>(String key, I item) {}

  /** An item to append under {@code key} (null: no key). */
  static <I> Entry<I> entry(String key, I item) {
    return new Entry<>(key, item);
  }

  /**
   * Appends {@code item} under {@code key} (null: no key, so every call appends); returns it as
   * stored, or the item stored first under {@code key}.
   */
  CollectionItem<I> append(String key, I item);

  /**
   * Appends up to 1000 items in one transaction, in order, with contiguous sequences; an entry
   * whose key is already held (by the collection or an earlier entry) appends nothing and
   * answers with the item held. Returns one stored item per entry, in order.
   */
  List<CollectionItem<I>> appendAll(List<Entry<I>> entries);

  /** The item stored under {@code key}, if any. */
  Optional<CollectionItem<I>> get(String key);

  /**
   * Up to {@code query.limit()} items matching its filters with a sequence above its
   * {@code afterSequence}, in sequence order. Page on with the last item's sequence.
   */
  List<CollectionItem<I>> list(ItemQuery query);

  /** How many items match the query's filters above its {@code afterSequence} (limit ignored). */
  long count(ItemQuery query);
}
