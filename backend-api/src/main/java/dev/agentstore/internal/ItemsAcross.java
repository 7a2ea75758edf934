package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.ExecutionItem;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.ExecutionItems;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.ItemQuery;
import dev.agentstore.Kind;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.spi.ItemField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.spi.StoredExecutionItem;
import dev.agentstore.spi.StoredItemsQuery;
import dev.agentstore.spi.StoredQuery;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One collection of execution items across executions, for one view: the executions' query
 * planned exactly as {@code list} plans it (so the view's org bounds it and a foreign org finds
 * nothing), the item filters checked and named by field, the item time range as bounds on the
 * collection's {@link ItemField#time} field, signed keyset tokens bound to the whole query.
 *
 * <p>Usage: {@code new ItemsAcross<>(view, Kind.AGENT_EXECUTION, "toolCalls", ToolCall.class).list(q)}
 *
 * @param <I> the item type
 */
final class ItemsAcross<I> implements ExecutionItems<I> {
  private final View view;
  private final Kind kind;
  private final String collection;
  private final Class<I> type;

  ItemsAcross(View view, Kind kind, String collection, Class<I> type) {
    this.view = view;
    this.kind = kind;
    this.collection = collection;
    this.type = type;
  }

  /** The planned query: what the backend runs, whether nothing can match, the token binding. */
  private record Plan(StoredItemsQuery stored, boolean empty, byte[] fingerprint) {}

  private Plan plan(ExecutionItemQuery q, StoredItemsQuery.Cursor after) {
    QueryPlan executions = QueryPlan.of(kind, view.org(), q.executions(), view.core().tokens);
    List<Query.JsonFilter> filters = new ArrayList<>();
    StringBuilder fp = new StringBuilder(collection).append('|');
    for (ItemQuery.Filter f : q.filters()) {
      Query.JsonFilter jf;
      try {
        jf = new Query.JsonFilter(AggregationPlan.itemPath("where", f.field()), f.operator(),
            f.value()); // checks the value against the operator
      } catch (InvalidArgumentException e) {
        throw e.getMessage().startsWith("where") ? e
            : new InvalidArgumentException("where " + Messages.clip(f.field()) + ": "
                + e.getMessage(), e);
      }
      filters.add(jf);
    }
    String time = ItemField.time(kind, collection).field();
    if (q.since() != null) {
      filters.add(bound("since", time, Query.JsonOperator.GREATER_OR_EQUAL, q.since()));
    }
    if (q.until() != null) {
      filters.add(bound("until", time, Query.JsonOperator.LESS_THAN, q.until()));
    }
    for (Query.JsonFilter f : filters) {
      fp.append(f.path().canonical()).append(' ').append(f.operator()).append(' ')
          .append(f.value() == null ? "" : Json.write(f.value())).append(';');
    }
    fp.append('|').append(q.newestFirst());
    StoredQuery sq = executions.stored();
    return new Plan(new StoredItemsQuery(sq, collection, filters, after, q.newestFirst(),
        q.pageSize() + 1), executions.empty(),
        PageTokens.extend(executions.fingerprint(), fp.toString()));
  }

  private static Query.JsonFilter bound(String what, String field, Query.JsonOperator op,
      Instant at) {
    String text = DateTimeFormatter.ISO_INSTANT.format(at);
    if (SortKeys.instant(text) == null) {
      throw new InvalidArgumentException(what, "must be in the years 0001 to 9999, got " + text);
    }
    return new Query.JsonFilter(AggregationPlan.itemPath(what, field), op,
        Json.nodes().textNode(text));
  }

  private static ExecutionItemQuery require(ExecutionItemQuery q) {
    if (q == null) {
      throw new InvalidArgumentException("query", "required");
    }
    return q;
  }

  @Override
  public Page<ExecutionItem<I>> list(ExecutionItemQuery query) {
    ExecutionItemQuery q = require(query);
    byte[] fingerprint = plan(q, null).fingerprint();
    StoredItemsQuery.Cursor after = null;
    if (q.pageToken() != null) {
      StoredQuery.Cursor c = view.core().tokens.read(q.pageToken(), fingerprint);
      JsonNode v = c.fieldValue();
      after = new StoredItemsQuery.Cursor(v.get("t").textValue(), c.id(), v.get("s").longValue());
    }
    Plan plan = plan(q, after);
    if (plan.empty()) {
      return new Page<>(List.of(), null);
    }
    List<StoredExecutionItem> rows = view.runner().readOneStatement(tx -> tx.itemsAcross(kind,
        plan.stored()));
    boolean more = rows.size() > q.pageSize();
    List<StoredExecutionItem> page = more ? rows.subList(0, q.pageSize()) : rows;
    List<ExecutionItem<I>> out = new ArrayList<>(page.size());
    for (StoredExecutionItem r : page) {
      I item = Json.fromTree(Json.parseTrusted(r.json()), type,
          collection + "[" + r.sequence() + "] of " + r.executionId());
      out.add(new ExecutionItem<>(r.executionId(), r.org(), r.sequence(), r.key(), item));
    }
    String next = null;
    if (more) {
      StoredExecutionItem last = page.get(page.size() - 1);
      ObjectNode v = Json.nodes().objectNode().put("t", last.timeKey()).put("s", last.sequence());
      next = view.core().tokens.issue(fingerprint, new StoredQuery.Cursor(null,
          last.executionId(), v));
    }
    return new Page<>(out, next);
  }

  @Override
  public long count(ExecutionItemQuery query) {
    Plan plan = plan(require(query), null);
    return plan.empty() ? 0
        : view.runner().readOneStatement(tx -> tx.countItemsAcross(kind, plan.stored()));
  }

  @Override
  public AggregateResult aggregate(ExecutionItemQuery query, Aggregation aggregation) {
    ExecutionItemQuery q = require(query);
    if (q.pageToken() != null) {
      throw new InvalidArgumentException("pageToken", "aggregate reads no page token (it"
          + " returns at most the aggregation's limit of groups)");
    }
    AggregationPlan agg = AggregationPlan.ofItems(kind, aggregation);
    Plan plan = plan(q, null);
    if (plan.empty()) {
      return agg.none();
    }
    return agg.result(view.runner().readOneStatement(tx -> tx.aggregateItemsAcross(kind,
        plan.stored(), agg.stored())));
  }
}
