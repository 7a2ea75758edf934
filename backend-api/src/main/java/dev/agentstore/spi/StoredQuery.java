package dev.agentstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.JsonPath;
import dev.agentstore.LabelSelector;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.model.ExecutionPhase;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param phases only one of these phases (empty: any)
 * @param refs equality on indexed reference columns
 * @param createdAfter exclusive lower bound on createdAt, or null
 * @param createdBefore exclusive upper bound on createdAt, or null
 * @param timeBounds bounds on createdAt / updatedAt, and on expiresAt: the {@code expiresAt}
 *     member of {@link StoredResource#metadataJson()} in microseconds since the epoch, which no
 *     bound matches when absent (instants already at the stored microsecond precision, see
 *     {@code Micros})
 * @param jsonFilters conditions on spec/status fields (every {@link Query.JsonOperator})
 * @param orderBy the sort column when {@code orderByPath} is null; id breaks ties
 * @param orderByPath the spec/status field to sort by, or null (see docs/queries.md for the
 *     order of JSON types; a field with {@link IndexedField#find} sorts by its column)
 * @param descending whether to sort newest first
 * @param after the keyset position to continue after, or null for the first page
 * @param limit the most rows to return
 */
public record StoredQuery(
    String org,
    LabelSelector labelSelector,
    ExecutionPhase phase,
    Set<ExecutionPhase> phases,
    Map<RefField, String> refs,
    Instant createdAfter,
    Instant createdBefore,
    List<Query.TimeBound> timeBounds,
    List<Query.JsonFilter> jsonFilters,
    Query.OrderBy orderBy,
    JsonPath orderByPath,
    boolean descending,
    Cursor after,
    int limit) {

  /**
   * A keyset position: the sort value and id of the last row of the previous page.
   *
   * @param sortValue the createdAt or updatedAt of that row (null when sorting by a field)
   * @param id its id
   * @param fieldValue when sorting by a field: that row's value of it (JSON null when absent)
   */
  public record Cursor(Instant sortValue, String id, JsonNode fieldValue) {
    /** A position in a createdAt / updatedAt order. */
    public Cursor(Instant sortValue, String id) {
      this(sortValue, id, null);
    }
  }

  /** This query returning at most {@code max} rows instead. */
  public StoredQuery withLimit(int max) {
    if (max < 1) {
      throw new InvalidArgumentException("limit: must be >= 1, got " + max);
    }
    return new StoredQuery(org, labelSelector, phase, phases, refs, createdAfter, createdBefore,
        timeBounds, jsonFilters, orderBy, orderByPath, descending, after, max);
  }

  /** Copies collections. */
  public StoredQuery {
    refs = refs == null ? Map.of() : Map.copyOf(refs);
    jsonFilters = jsonFilters == null ? List.of() : List.copyOf(jsonFilters);
    timeBounds = timeBounds == null ? List.of() : List.copyOf(timeBounds);
    phases = phases == null || phases.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(phases));
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
    return new Builder(limit).org(org).labelSelector(labelSelector).phase(phase).phases(phases)
        .refs(refs).createdAfter(createdAfter).createdBefore(createdBefore)
        .timeBounds(timeBounds).jsonFilters(jsonFilters).orderBy(orderBy, descending)
        .orderByPath(orderByPath).after(after);
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
    private Set<ExecutionPhase> phases = Set.of();
    private Map<RefField, String> refs = Map.of();
    private Instant createdAfter;
    private Instant createdBefore;
    private List<Query.TimeBound> timeBounds = List.of();
    private List<Query.JsonFilter> jsonFilters = List.of();
    private Query.OrderBy orderBy = Query.OrderBy.CREATED_AT;
    private JsonPath orderByPath;
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

    /** Only one of these phases (null or empty: any). */
    public Builder phases(Set<ExecutionPhase> value) {
      this.phases = value;
      return this;
    }

    /** Bounds on createdAt / updatedAt (null means none). */
    public Builder timeBounds(List<Query.TimeBound> value) {
      this.timeBounds = value;
      return this;
    }

    /** The spec/status field to sort by, or null for {@link #orderBy}'s column. */
    public Builder orderByPath(JsonPath value) {
      this.orderByPath = value;
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
      return new StoredQuery(org, labelSelector, phase, phases, refs, createdAfter,
          createdBefore, timeBounds, jsonFilters, orderBy, orderByPath, descending, after, limit);
    }
  }
}
