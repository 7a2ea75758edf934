package dev.agentstore.internal;

import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.time.Instant;
import java.util.Map;

/**
 * A public {@link Query} checked against one kind and one view and turned into the
 * {@link StoredQuery} a backend runs: refuses filters the kind does not have and paths into
 * secrets or child collections, reads the page token, and issues the next one.
 *
 * <p>Usage: {@code QueryPlan p = QueryPlan.of(kind, viewOrg, query, tokens); tx.list(kind, p.stored());}
 */
final class QueryPlan {
  private final StoredQuery stored;
  private final boolean empty;
  private final byte[] fingerprint;
  private final Query.OrderBy orderBy;
  private final PageTokens tokens;

  private QueryPlan(StoredQuery stored, boolean empty, byte[] fingerprint, Query.OrderBy orderBy,
      PageTokens tokens) {
    this.stored = stored;
    this.empty = empty;
    this.fingerprint = fingerprint;
    this.orderBy = orderBy;
    this.tokens = tokens;
  }

  static QueryPlan of(Kind kind, String viewOrg, Query q, PageTokens tokens) {
    for (Map.Entry<RefField, String> e : q.refs().entrySet()) {
      RefField f = e.getKey();
      if (!kind.refFields().contains(f)) {
        throw new InvalidArgumentException("ref: " + kind.kindName() + " has no indexed field "
            + f.specField() + " (it has " + kind.refFields().stream().map(RefField::specField)
            .toList() + ")");
      }
      if (f.target() != null) {
        Ids.require(e.getValue(), f.target(), "ref " + f.specField());
      }
    }
    if (q.phase() != null && !kind.isExecution()) {
      throw new InvalidArgumentException("phase: " + kind.kindName() + " has no phase");
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      SecretFields.requireQueryable(kind, f.path());
      if ("status".equals(f.path().root())
          && ExecutionCollections.of(kind).contains(f.path().segments().get(0))) {
        throw new InvalidArgumentException("jsonPath " + f.path().canonical()
            + ": execution history is stored as child rows and cannot be filtered by path");
      }
      Json.validate(f.value(), "jsonFilter value");
    }
    if (q.org() != null) {
      Ids.require(q.org(), Kind.ORGANIZATION, "org");
    }
    byte[] fp = PageTokens.fingerprint(kind, viewOrg, q);
    StoredQuery.Cursor after = q.pageToken() == null ? null : tokens.read(q.pageToken(), fp);
    boolean empty = viewOrg != null && q.org() != null && !viewOrg.equals(q.org());
    String org = q.org() != null ? q.org() : viewOrg;
    StoredQuery sq = StoredQuery.builder(q.pageSize() + 1).org(org)
        .labelSelector(q.labelSelector()).phase(q.phase()).refs(q.refs())
        .createdAfter(Micros.floor(q.createdAfter())).createdBefore(Micros.ceil(q.createdBefore()))
        .jsonFilters(q.jsonFilters()).orderBy(q.orderBy(), q.descending()).after(after).build();
    return new QueryPlan(sq, empty, fp, q.orderBy(), tokens);
  }

  /** What the backend runs (asks one row more than a page to learn whether another follows). */
  StoredQuery stored() {
    return stored;
  }

  /** Whether the view rules out every row (an org filter outside the view's org). */
  boolean empty() {
    return empty;
  }

  /** The token for the page after {@code last}. */
  String nextToken(StoredResource last) {
    Instant sort = orderBy == Query.OrderBy.UPDATED_AT ? last.updatedAt() : last.createdAt();
    return tokens.issue(fingerprint, new StoredQuery.Cursor(sort, last.id()));
  }
}
