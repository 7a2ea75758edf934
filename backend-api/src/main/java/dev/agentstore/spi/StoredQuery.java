package dev.agentstore.spi;

import dev.agentstore.InvalidArgumentException;
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
 * <p>Build queries with {@link #builder(int)}: a new filter then adds a builder method instead of
 * breaking every backend and caller of the positional constructor.
 *
 * <p>Usage: {@code tx.list(Kind.AGENT, StoredQuery.builder(50).org(org).phase(p).build());}
 *
 * @param org only this org (for organizations: only that organization), or null for all
 * @param labelSelector label requirements, or null
 * @param phase only this phase, or null
 * @param refs equality on indexed reference columns
 * @param createdAfter exclusive lower bound on createdAt, or null
 * @param createdBefore exclusive upper bound on createdAt, or null
 * @param jsonFilters conditions on spec/status fields (equality, is null, is not null)
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

  /**
   * A builder for a query returning at most {@code limit} rows: no filters, oldest first by
   * createdAt, from the first row.
   */
  public static Builder builder(int limit) {
    if (limit < 1) {
      throw new InvalidArgumentException("limit: must be >= 1, got " + limit);
    }
    return new Builder(limit);
  }

  /** A builder holding this query, to copy it with some parts changed (e.g. the cursor). */
  public Builder toBuilder() {
    return new Builder(limit).org(org).labelSelector(labelSelector).phase(phase).refs(refs)
        .createdAfter(createdAfter).createdBefore(createdBefore).jsonFilters(jsonFilters)
        .orderBy(orderBy, descending).after(after);
  }

  /**
   * Builds a {@link StoredQuery}; one setter per part, named like the record's accessor.
   *
   * <p>Usage: {@code StoredQuery.builder(1).refs(Map.of(RefField.KEY_HASH, h)).build()}
   */
  public static final class Builder {
    private String org;
    private LabelSelector labelSelector;
    private ExecutionPhase phase;
    private Map<RefField, String> refs = Map.of();
    private Instant createdAfter;
    private Instant createdBefore;
    private List<Query.JsonFilter> jsonFilters = List.of();
    private Query.OrderBy orderBy = Query.OrderBy.CREATED_AT;
    private boolean descending;
    private Cursor after;
    private final int limit;

    private Builder(int limit) {
      this.limit = limit;
    }

    /** Only this org, or null for all. */
    public Builder org(String value) {
      this.org = value;
      return this;
    }

    /** Label requirements, or null. */
    public Builder labelSelector(LabelSelector value) {
      this.labelSelector = value;
      return this;
    }

    /** Only this phase, or null. */
    public Builder phase(ExecutionPhase value) {
      this.phase = value;
      return this;
    }

    /** Equality on indexed reference columns (null means none). */
    public Builder refs(Map<RefField, String> value) {
      this.refs = value;
      return this;
    }

    /** Exclusive lower bound on createdAt, or null. */
    public Builder createdAfter(Instant value) {
      this.createdAfter = value;
      return this;
    }

    /** Exclusive upper bound on createdAt, or null. */
    public Builder createdBefore(Instant value) {
      this.createdBefore = value;
      return this;
    }

    /** Equality on spec/status fields (null means none). */
    public Builder jsonFilters(List<Query.JsonFilter> value) {
      this.jsonFilters = value;
      return this;
    }

    /** The sort column (id breaks ties) and direction. */
    public Builder orderBy(Query.OrderBy column, boolean newestFirst) {
      this.orderBy = column;
      this.descending = newestFirst;
      return this;
    }

    /** The keyset position to continue after, or null for the first page. */
    public Builder after(Cursor value) {
      this.after = value;
      return this;
    }

    /** The query. */
    public StoredQuery build() {
      return new StoredQuery(org, labelSelector, phase, refs, createdAfter, createdBefore,
          jsonFilters, orderBy, descending, after, limit);
    }
  }
}
