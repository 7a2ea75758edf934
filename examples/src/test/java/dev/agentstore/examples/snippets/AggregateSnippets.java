package dev.agentstore.examples.snippets;

import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.StoredAggregation;
import dev.agentstore.spi.StoredQuery;
import java.math.BigDecimal;
import java.util.List;

/**
 * The Javadoc usage lines of aggregates (Aggregation, AggregateResult, ReadableRepository's
 * aggregate, the SPI's StoredAggregation), as compiled code (see JavadocSnippetsTest).
 */
@SuppressWarnings("unused")
abstract class AggregateSnippets {
  AgentStore store;
  String org;
  Query query;
  AggregateResult result;
  BackendTransaction tx;
  Kind kind;
  StoredQuery storedQuery;
  StoredAggregation aggregation;

  void aggregation() {
    Aggregation byAgent = Aggregation.groupBy("spec.agentId")
        .count().sum("status.usage.costUsd").avg("status.usage.durationMs")
        .min("status.startedAt").max("status.completedAt")
        .orderByDescending("sum(status.usage.costUsd)").limit(20);
    AggregateResult r = store.agentExecutions().aggregate(query, byAgent);
  }

  void rows() {
    for (AggregateResult.Row row : result.rows()) {
      String agent = row.keyText("spec.agentId");
      BigDecimal cost = row.sum("status.usage.costUsd");
    }
  }

  void repository() {
    AggregateResult r = store.agentExecutions().aggregate(Query.builder().org(org).build(), Aggregation.groupBy("spec.agentId").count());
  }

  void spi() {
    StoredQuery query = storedQuery;
    List<StoredAggregation.Row> rows = tx.aggregate(kind, query, aggregation);
  }
}
