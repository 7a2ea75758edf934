package dev.agentstore;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reads every repository offers: by id, by slug, pages, counts and lazy streams.
 *
 * <p>Usage:
 * <pre>{@code
 * try (Stream<Agent> all = store.agents().stream(Query.builder().org(org).build())) {
 *   all.forEach(a -> index(a));
 * }
 * }</pre>
 *
 * @param <R> the resource type
 */
public interface ReadableRepository<R extends Resource<?, ?>> {

  /** The kind this repository stores. */
  Kind kind();

  /** The resource with this id, if it exists and is visible from this view. */
  Optional<R> get(String id);

  /** The resource with this slug in this org. */
  Optional<R> getBySlug(String org, String slug);

  /** One page of resources matching the query; {@link Page#nextPageToken()} leads to the next. */
  Page<R> list(Query query);

  /**
   * Every resource matching the query, in its order, fetched lazily one keyset page
   * ({@link Query#pageSize()} rows) at a time as the stream is consumed, starting at the query's
   * page token if it has one. Each page is its own read, so a long stream does not hold a
   * transaction open between pages; rows inserted meanwhile cause no duplicates and no skips.
   * Inside a transaction the pages are read in that transaction. Close the stream (use
   * try-with-resources) when it is not consumed to the end.
   */
  Stream<R> stream(Query query);

  /** How many resources match the query's filters. */
  long count(Query query);

  /**
   * Groups the resources matching the query's filters (exactly those {@link #list} returns
   * across all its pages; the query's order, page size and token do not apply) and computes
   * the aggregation's counts, exact sums, averages, minimums and maximums in the database,
   * ordered and limited as the aggregation says. Checks both (paths, keys, names) before
   * reading anything; bad input is an {@link InvalidArgumentException}. A view of one org
   * aggregates only that org.
   *
   * <p>Usage: {@code AggregateResult r = store.agentExecutions().aggregate(Query.builder().org(org).build(), Aggregation.groupBy("spec.agentId").count());}
   */
  AggregateResult aggregate(Query query, Aggregation aggregation);

  /**
   * How the query would run: for each filter and the order, whether an index serves it (the
   * same decision that builds the SQL). Checks the query as {@link #list} does; reads nothing.
   */
  QueryExplanation explain(Query query);
}
