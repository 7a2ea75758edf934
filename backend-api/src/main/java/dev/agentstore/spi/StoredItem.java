package dev.agentstore.spi;

/**
 * One element of an execution's appendable history (a message, tool call or task), stored as a
 * child row keyed by (execution id, collection, sequence).
 *
 * <p>Usage: {@code tx.appendItems(Kind.AGENT_EXECUTION, id, org, "messages", List.of(StoredItem.toAppend(null, json)))}
 *
 * @param sequence position within the collection, from 1; assigned by the backend on append
 * @param key the item's own id for upserts (tool call or task id), or null
 * @param json the item as a JSON object
 */
public record StoredItem(long sequence, String key, String json) {

  /** An item to append or upsert: the backend assigns its sequence. */
  public static StoredItem toAppend(String key, String json) {
    return new StoredItem(0, key, json);
  }

  /** An item as read back, at {@code sequence}. */
  public static StoredItem stored(long sequence, String key, String json) {
    return new StoredItem(sequence, key, json);
  }

  /**
   * The items of one resource's collection, as an import or copy stores them together with
   * other resources' ({@link BackendTransaction#importItemGroups}).
   *
   * <p>Usage: {@code new StoredItem.Group(executionId, "messages", items)}
   *
   * @param id the resource
   * @param org the resource's org when the caller inserted the resource in this transaction
   *     and knows it (createAll), so the backend need not read it; null: the backend reads it
   * @param collection the collection
   * @param items its items, with their sequences
   */
  public record Group(String id, String org, String collection,
      java.util.List<StoredItem> items) {
    /** Copies the items. */
    public Group {
      items = java.util.List.copyOf(items);
    }

    /** A group whose resource's org the backend reads (import and copy). */
    public Group(String id, String collection, java.util.List<StoredItem> items) {
      this(id, null, collection, items);
    }
  }
}
