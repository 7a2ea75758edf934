package dev.agentstore;

import java.util.List;
import java.util.Optional;

/**
 * How a query runs, from {@code repo.explain(query)}: one step per condition and one for the
 * order, each saying whether a database index serves it. It is derived from the same decision
 * that builds the SQL (a field with an indexed column is filtered and sorted on that column;
 * every other spec/status path on the JSON, which works but scans), so a filter on an undeclared
 * field still runs and shows {@code indexed = false}.
 *
 * <p>Usage: {@code boolean fast = store.agentExecutions().explain(q).step("status.usage.costUsd").orElseThrow().indexed();}
 *
 * @param kind the kind the query runs on
 * @param steps the filters in query order, then the sort
 */
public record QueryExplanation(Kind kind, List<Step> steps) {

  /**
   * One filter or the sort.
   *
   * @param field what it looks at ({@code org}, {@code labels}, {@code phase}, a reference
   *     field, {@code metadata.createdAt}, a spec/status path)
   * @param operation the operator, or {@code ORDER BY ASC/DESC}
   * @param indexed whether an index serves it
   * @param access how: the index or column used, or the JSON expression evaluated per row
   */
  public record Step(String field, String operation, boolean indexed, String access) {}

  /** Copies the steps. */
  public QueryExplanation {
    steps = List.copyOf(steps);
  }

  /** The first step on {@code field}. */
  public Optional<Step> step(String field) {
    return steps.stream().filter(s -> s.field().equals(field)).findFirst();
  }

  /** Whether an index serves every step. */
  public boolean fullyIndexed() {
    return steps.stream().allMatch(Step::indexed);
  }
}
