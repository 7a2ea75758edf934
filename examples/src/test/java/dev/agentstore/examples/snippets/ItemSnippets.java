package dev.agentstore.examples.snippets;

import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.ExecutionItem;
import dev.agentstore.ExecutionItemQuery;
import dev.agentstore.ExecutionItems;
import dev.agentstore.Kind;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.ToolCall;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.ItemField;
import dev.agentstore.spi.StoredExecutionItem;
import dev.agentstore.spi.StoredItemsQuery;
import dev.agentstore.spi.StoredQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Javadoc usage lines of queries over execution items across executions (ExecutionItems,
 * ExecutionItemQuery, ExecutionItem, the SPI's ItemField, StoredItemsQuery and
 * StoredExecutionItem), as compiled code (see JavadocSnippetsTest).
 */
@SuppressWarnings("unused")
abstract class ItemSnippets {
  AgentStore store;
  String org;
  Instant t0;
  Page<ExecutionItem<ToolCall>> page;
  BackendTransaction tx;
  Kind kind;
  StoredQuery executions;
  List<Query.JsonFilter> filters;
  StoredItemsQuery q;
  String json;

  abstract void log(String executionId, String name);

  abstract void use(String executionId, String json);

  void items() {
    ExecutionItems<ToolCall> calls = store.forOrg(org).agentExecutions().toolCallsAcross();
    Page<ExecutionItem<ToolCall>> failed = calls.list(ExecutionItemQuery.builder()
        .where("status", "FAILED").since(Instant.now().minus(Duration.ofHours(24)))
        .newestFirst().build());
    AggregateResult usage = calls.aggregate(ExecutionItemQuery.all(),
        Aggregation.groupBy("name").count().orderByDescending("count"));
  }

  void item() {
    for (ExecutionItem<ToolCall> c : page.items()) log(c.executionId(), c.item().name());
  }

  void query() {
    ExecutionItemQuery a = ExecutionItemQuery.builder().executions(Query.builder().phase(ExecutionPhase.FAILED).build()).where("status", "FAILED").since(t0).build();
    ExecutionItemQuery b = ExecutionItemQuery.builder().in("name", "search", "fetch").hasError().pageSize(100).build();
  }

  void spi() {
    Map<String, String> keys = ItemField.keys(Kind.AGENT_EXECUTION, "toolCalls", json);
    List<StoredExecutionItem> rows = tx.itemsAcross(kind, new StoredItemsQuery(executions, "toolCalls", filters, null, true, 51));
    for (StoredExecutionItem i : tx.itemsAcross(kind, q)) use(i.executionId(), i.json());
  }
}
