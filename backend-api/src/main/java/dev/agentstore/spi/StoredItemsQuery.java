package dev.agentstore.spi;

import dev.agentstore.Query;
import java.util.List;
import java.util.Objects;

/**
 * A read of execution items across executions as a backend runs it
 * ({@link BackendTransaction#itemsAcross}): one collection, the executions' conditions, the item
 * filters, the keyset position and how many items. Item filters name top-level or nested item
 * fields under the root {@code status} ({@code status.name} is the item's {@code name}); a filter
 * {@link ItemField#serving} names a column uses that column, any other reads the body. Every
 * value reaches the database bound.
 *
 * <p>Usage: {@code tx.itemsAcross(kind, new StoredItemsQuery(executions, "toolCalls", filters, null, true, 51))}
 *
 * @param executions the executions' conditions ({@code org} also bounds the items' own org
 *     column); its cursor, order and limit are unused
 * @param collection the item collection
 * @param filters conditions on item fields, all of which must hold
 * @param after the keyset position to continue after, or null for the first page
 * @param descending newest first (time key, execution id and sequence all descending)
 * @param limit the most items to return
 */
public record StoredItemsQuery(StoredQuery executions, String collection,
    List<Query.JsonFilter> filters, Cursor after, boolean descending, int limit) {

  /**
   * A keyset position: the last item of the previous page.
   *
   * @param timeKey its {@link ItemField#TIME} key
   * @param executionId its execution
   * @param sequence its sequence in that execution's collection
   */
  public record Cursor(String timeKey, String executionId, long sequence) {}

  /** Copies the filters. */
  public StoredItemsQuery {
    Objects.requireNonNull(executions, "executions");
    Objects.requireNonNull(collection, "collection");
    filters = List.copyOf(filters);
  }
}
