package dev.agentstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which execution items {@link ExecutionItems} reads across executions: the executions (a
 * {@link Query} with exactly the filters {@code list} takes: org, labels, phase, references,
 * createdAt range, spec/status fields; its page size, token and order are unused), filters on
 * the items' fields, an item time range, the order and a page.
 *
 * <p>Item fields are the item's JSON fields, top-level ({@code status}, {@code name}) or nested
 * ({@code args.server}). Equality, {@code IN} and {@code NOT IN} on a tool call's or task's
 * {@code name} and {@code status}, a message's {@code type}, and the time range are served by
 * the item tables' key columns; every other filter reads the item's JSON. The item time is a
 * tool call's or task's {@code startedAt}, a message's {@code timestamp}: {@link
 * Builder#since} is inclusive, {@link Builder#until} exclusive, and items without a time are
 * outside every range.
 *
 * <p>Usage: {@code ExecutionItemQuery.builder().executions(Query.builder().phase(ExecutionPhase.FAILED).build()).where("status", "FAILED").since(t0).build()}
 *
 * @param executions the executions whose items are read
 * @param filters conditions on item fields, all of which must hold
 * @param since only items whose time is at or after this, or null
 * @param until only items whose time is before this, or null
 * @param newestFirst newest item time first (else oldest first)
 * @param pageSize at most this many items per page, 1 to {@link Query#MAX_PAGE_SIZE}
 * @param pageToken the token of the page to read, or null for the first
 */
public record ExecutionItemQuery(Query executions, List<ItemQuery.Filter> filters, Instant since,
    Instant until, boolean newestFirst, int pageSize, String pageToken) {

  /** Checks the parts and copies the filters. */
  public ExecutionItemQuery {
    if (executions == null) {
      throw new InvalidArgumentException("executions", "required (Query.all() for every"
          + " execution)");
    }
    if (executions.pageToken() != null) {
      throw new InvalidArgumentException("executions", "a page token of the executions' query"
          + " pages nothing here; pass pageToken on the item query");
    }
    if (pageSize < 1 || pageSize > Query.MAX_PAGE_SIZE) {
      throw new InvalidArgumentException("pageSize", "must be 1 to " + Query.MAX_PAGE_SIZE
          + ", got " + pageSize);
    }
    filters = List.copyOf(filters);
    if (filters.size() > Query.MAX_JSON_FILTERS) {
      throw new InvalidArgumentException("filters", "at most " + Query.MAX_JSON_FILTERS);
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new InvalidArgumentException("since", "must be before until (" + since + " is not"
          + " before " + until + ")");
    }
  }

  /** The first page of every item of every execution the view sees, oldest first. */
  public static ExecutionItemQuery all() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** This query reading the page of {@code token} instead. */
  public ExecutionItemQuery withPageToken(String token) {
    return new ExecutionItemQuery(executions, filters, since, until, newestFirst, pageSize,
        token);
  }

  /**
   * Builds an {@link ExecutionItemQuery}.
   *
   * <p>Usage: {@code ExecutionItemQuery.builder().in("name", "search", "fetch").hasError().pageSize(100).build()}
   */
  public static final class Builder {
    private Query executions = Query.all();
    private final List<ItemQuery.Filter> filters = new ArrayList<>();
    private Instant since;
    private Instant until;
    private boolean newestFirst;
    private int pageSize = Query.DEFAULT_PAGE_SIZE;
    private String pageToken;

    private Builder() {}

    /** Only items of the executions {@code query} selects (its filters; not its page). */
    public Builder executions(Query query) {
      this.executions = query;
      return this;
    }

    /** The item field holds {@code value} (a String, Number, Boolean, Instant or enum; null: absent). */
    public Builder where(String field, Object value) {
      filters.add(ItemQuery.Filter.of(field, value));
      return this;
    }

    /** The item field compares with {@code value} by {@code operator}. */
    public Builder where(String field, Query.JsonOperator operator, Object value) {
      filters.add(ItemQuery.Filter.of(field, operator, value));
      return this;
    }

    /** The item field holds one of {@code values}. */
    public Builder in(String field, Object... values) {
      filters.add(ItemQuery.Filter.set(field, Query.JsonOperator.IN, values));
      return this;
    }

    /** The item field holds none of {@code values} (absent counts as none, unless null is one). */
    public Builder notIn(String field, Object... values) {
      filters.add(ItemQuery.Filter.set(field, Query.JsonOperator.NOT_IN, values));
      return this;
    }

    /** Only items with an {@code error} (tool calls and tasks). */
    public Builder hasError() {
      filters.add(new ItemQuery.Filter("error", Query.JsonOperator.IS_NOT_NULL, null));
      return this;
    }

    /** Only items without an {@code error}. */
    public Builder withoutError() {
      filters.add(new ItemQuery.Filter("error", Query.JsonOperator.IS_NULL, null));
      return this;
    }

    /** Only items whose time is at or after {@code instant}. */
    public Builder since(Instant instant) {
      this.since = instant;
      return this;
    }

    /** Only items whose time is before {@code instant}. */
    public Builder until(Instant instant) {
      this.until = instant;
      return this;
    }

    /** Newest item time first. */
    public Builder newestFirst() {
      this.newestFirst = true;
      return this;
    }

    /** At most {@code size} items per page. */
    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    /** The page a previous page's {@code nextPageToken} names. */
    public Builder pageToken(String token) {
      this.pageToken = token;
      return this;
    }

    /** The query. */
    public ExecutionItemQuery build() {
      return new ExecutionItemQuery(executions, filters, since, until, newestFirst, pageSize,
          pageToken);
    }
  }
}
