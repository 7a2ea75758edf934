package dev.agentstore.spi;

import dev.agentstore.LabelSelector;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.model.ExecutionPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated query as a backend runs it: filters, order, the keyset position to start after, and
 * how many rows to return. Every value must reach the database as a bound parameter.
 *
 * <p>Usage: {@code List<StoredResource> rows = tx.list(Kind.AGENT, storedQuery);}
 *
 * @param org only this org (for organizations: only that organization), or null for all
 * @param labelSelector label requirements, or null
 * @param phase only this phase, or null
 * @param refs equality on indexed reference columns
 * @param createdAfter exclusive lower bound on createdAt, or null
 * @param createdBefore exclusive upper bound on createdAt, or null
 * @param jsonFilters equality on spec/status fields
 * @param orderBy the sort column; id breaks ties
 * @param descending whether to sort newest first
 * @param after the keyset position to continue after, or null for the first page
 * @param limit the most rows to return
 */
public record StoredQuery(
    String org,
    LabelSelector labelSelector,
    ExecutionPhase phase,
    Map<RefField, String> refs,
    Instant createdAfter,
    Instant createdBefore,
    List<Query.JsonFilter> jsonFilters,
    Query.OrderBy orderBy,
    boolean descending,
    Cursor after,
    int limit) {

  /**
   * A keyset position: the sort value and id of the last row of the previous page.
   *
   * @param sortValue the createdAt or updatedAt of that row
   * @param id its id
   */
  public record Cursor(Instant sortValue, String id) {}

  /** Copies collections. */
  public StoredQuery {
    refs = refs == null ? Map.of() : Map.copyOf(refs);
    jsonFilters = jsonFilters == null ? List.of() : List.copyOf(jsonFilters);
  }
}
