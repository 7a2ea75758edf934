package dev.agentstore;

/**
 * One kind of execution item (tool calls, messages or tasks) across executions: list in keyset
 * pages, count and aggregate those an {@link ExecutionItemQuery} selects, with the executions'
 * filters of {@code list} joined to filters on the items' own fields. Served by the item
 * tables' indexes (org, collection, status or name, item time) for a query in one org (a tenant
 * view or {@code Query.org}); docs/item-queries.md says which filters use them.
 *
 * <p>Usage:
 * <pre>{@code
 * ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
 * Page<ExecutionItem<ToolCall>> failed = calls.list(ExecutionItemQuery.builder()
 *     .where("status", "FAILED").since(Instant.now().minus(Duration.ofHours(24)))
 *     .newestFirst().build());
 * AggregateResult usage = calls.aggregate(ExecutionItemQuery.all(),
 *     Aggregation.groupBy("name").count().orderByDescending("count"));
 * }</pre>
 *
 * @param <I> the item type
 */
public interface ExecutionItems<I> {

  /**
   * One page of the items {@code query} selects, in item time order (then execution id and
   * sequence; items without a time last when oldest first), and the token of the next page.
   */
  Page<ExecutionItem<I>> list(ExecutionItemQuery query);

  /** How many items {@code query} selects (its page size and token are unused). */
  long count(ExecutionItemQuery query);

  /**
   * Groups the items {@code query} selects and computes {@code aggregation} in the database, as
   * {@link ReadableRepository#aggregate} does for resources: group keys and aggregate paths
   * name item fields ({@code name}, {@code status}, {@code args.server}, fields of your own)
   * or {@code metadata.org}; a group key {@code execution.<key>} groups by a key of the item's
   * execution ({@code execution.spec.agentRef}, {@code execution.status.phase},
   * {@code execution.metadata.labels.team}). Sums are exact decimals; averages follow
   * {@link AggregateResult#AVG_CONTEXT} on every backend.
   */
  AggregateResult aggregate(ExecutionItemQuery query, Aggregation aggregation);
}
