package dev.agentstore.spi;

import java.util.List;
import java.util.Map;

/**
 * A resource row together with the items of the collections it was read with
 * ({@link BackendTransaction#findWithItems}), so that a get or a write that returns the resource
 * can ask once instead of twice.
 *
 * <p>Usage: {@code tx.findWithItems(kind, id, List.of("messages"), false).map(StoredResourceWithItems::row)}
 *
 * @param row the resource row
 * @param items by collection, the items in sequence order; a collection without items may be
 *     absent
 */
public record StoredResourceWithItems(StoredResource row, Map<String, List<StoredItem>> items) {

  /** Copies the map (each list as it is: backends build them fresh). */
  public StoredResourceWithItems {
    if (row == null) {
      throw new IllegalArgumentException("row: required");
    }
    items = items == null ? Map.of() : Map.copyOf(items);
  }
}
