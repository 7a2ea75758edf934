package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.JsonPath;
import dev.agentstore.Kind;
import dev.agentstore.Query;
import dev.agentstore.QueryExplanation;
import dev.agentstore.RefField;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private final JsonPath orderByPath;
  private final PageTokens tokens;
  private final Kind kind;

  private QueryPlan(Kind kind, StoredQuery stored, boolean empty, byte[] fingerprint,
      Query.OrderBy orderBy, JsonPath orderByPath, PageTokens tokens) {
    this.kind = kind;
    this.stored = stored;
    this.empty = empty;
    this.fingerprint = fingerprint;
    this.orderBy = orderBy;
    this.orderByPath = orderByPath;
    this.tokens = tokens;
  }

  static void requireFilterable(Kind kind, JsonPath path) {
    SecretFields.requireQueryable(kind, path);
    if ("status".equals(path.root())
        && ExecutionCollections.of(kind).contains(path.segments().get(0))) {
      throw new InvalidArgumentException("jsonPath " + path.text()
          + ": execution history is stored as child rows and cannot be filtered by path");
    }
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
    if ((q.phase() != null || !q.phases().isEmpty()) && !kind.isExecution()) {
      throw new InvalidArgumentException("phase: " + kind.kindName() + " has no phase");
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      requireFilterable(kind, f.path());
      Json.validate(f.value(), "jsonFilter value");
    }
    if (q.orderByPath() != null) {
      requireFilterable(kind, q.orderByPath());
    }
    List<Query.TimeBound> bounds = new ArrayList<>();
    for (Query.TimeBound b : q.timeBounds()) {
      // Stored timestamps are whole microseconds: round the bound so the comparison is exact.
      Instant v = switch (b.operator()) {
        case GREATER_THAN, LESS_OR_EQUAL -> Micros.floor(b.value());
        default -> Micros.ceil(b.value());
      };
      bounds.add(new Query.TimeBound(b.field(), b.operator(), v));
    }
    if (q.org() != null) {
      Ids.require(q.org(), Kind.ORGANIZATION, "org");
    }
    byte[] fp = PageTokens.fingerprint(kind, viewOrg, q);
    StoredQuery.Cursor after = q.pageToken() == null ? null : tokens.read(q.pageToken(), fp);
    boolean empty = viewOrg != null && q.org() != null && !viewOrg.equals(q.org());
    String org = q.org() != null ? q.org() : viewOrg;
    StoredQuery sq = StoredQuery.builder(q.pageSize() + 1).org(org)
        .labelSelector(q.labelSelector()).phase(q.phase()).phases(q.phases()).refs(q.refs())
        .createdAfter(Micros.floor(q.createdAfter())).createdBefore(Micros.ceil(q.createdBefore()))
        .timeBounds(bounds).jsonFilters(q.jsonFilters()).orderBy(q.orderBy(), q.descending())
        .orderByPath(q.orderByPath()).after(after).build();
    return new QueryPlan(kind, sq, empty, fp, q.orderBy(), q.orderByPath(), tokens);
  }

  /**
   * Which index serves each condition and the order: the reference, phase, org and time
   * columns are indexed; a spec/status path is indexed exactly when
   * {@link IndexedField#serving} (or {@link IndexedField#servingOrder}) names a column, the
   * same call the SQL backend makes to choose column or JSON.
   */
  QueryExplanation explain() {
    List<QueryExplanation.Step> steps = new ArrayList<>();
    StoredQuery q = stored;
    if (q.org() != null) {
      steps.add(new QueryExplanation.Step("org", "EQUALS", true,
          "column org, the leading column of the (org, sort, id) indexes"));
    }
    if (q.labelSelector() != null) {
      steps.add(new QueryExplanation.Step("labels", "SELECTOR", false,
          "JSON expression on labels per row (PostgreSQL's GIN index serves = and ==)"));
    }
    if (q.phase() != null || !q.phases().isEmpty()) {
      steps.add(new QueryExplanation.Step("phase", "IN", true,
          "column phase, index (org, phase, created_at, id)"));
    }
    for (RefField f : q.refs().keySet()) {
      steps.add(new QueryExplanation.Step(f.specField(), "EQUALS", true,
          "reference column " + f.specField() + ", indexed"));
    }
    if (q.createdAfter() != null || q.createdBefore() != null) {
      steps.add(new QueryExplanation.Step("metadata.createdAt", "RANGE", true,
          "column created_at, index (org, created_at, id)"));
    }
    for (Query.TimeBound b : q.timeBounds()) {
      steps.add(new QueryExplanation.Step(b.field().path(), b.operator().name(), true,
          switch (b.field()) {
            case CREATED_AT -> "column created_at, index (org, created_at, id)";
            case UPDATED_AT -> "column updated_at, index (org, updated_at, id)";
            case EXPIRES_AT -> "expression on the metadata column, partial index"
                + " (metadata.expiresAt) where it is set";
          }));
    }
    for (Query.JsonFilter f : q.jsonFilters()) {
      steps.add(IndexedField.serving(kind, f)
          .map(x -> new QueryExplanation.Step(f.path().text(), f.operator().name(), true,
              "column " + x.column() + ", index " + x.index()))
          .orElse(new QueryExplanation.Step(f.path().text(), f.operator().name(), false,
              "JSON expression on " + f.path().root() + " per row (no index)")));
    }
    String dir = q.descending() ? "ORDER BY DESC" : "ORDER BY ASC";
    if (q.orderByPath() == null) {
      boolean updated = q.orderBy() == Query.OrderBy.UPDATED_AT;
      steps.add(new QueryExplanation.Step(updated ? "metadata.updatedAt" : "metadata.createdAt",
          dir, true, updated ? "index (org, updated_at, id)" : "index (org, created_at, id)"));
    } else {
      JsonPath p = q.orderByPath();
      steps.add(IndexedField.servingOrder(kind, p)
          .map(x -> new QueryExplanation.Step(p.text(), dir, true,
              "column " + x.column() + ", index " + x.index()))
          .orElse(new QueryExplanation.Step(p.text(), dir, false,
              "JSON expression on " + p.root() + " per row, sorted (no index)")));
    }
    return new QueryExplanation(kind, steps);
  }

  /** What the backend runs (asks one row more than a page to learn whether another follows). */
  StoredQuery stored() {
    return stored;
  }

  /** The fingerprint binding page tokens to this query and view. */
  byte[] fingerprint() {
    return fingerprint.clone();
  }

  /** Whether the view rules out every row (an org filter outside the view's org). */
  boolean empty() {
    return empty;
  }

  /** The token for the page after {@code last}. */
  String nextToken(StoredResource last) {
    if (orderByPath != null) {
      JsonNode v = valueAt(last, orderByPath);
      // Containers sort by id alone within their rank: the token needs no more than the type.
      if (v.isContainerNode()) {
        v = v.isArray() ? Json.nodes().arrayNode() : Json.nodes().objectNode();
      }
      return tokens.issue(fingerprint, new StoredQuery.Cursor(null, last.id(), v));
    }
    Instant sort = orderBy == Query.OrderBy.UPDATED_AT ? last.updatedAt() : last.createdAt();
    return tokens.issue(fingerprint, new StoredQuery.Cursor(sort, last.id()));
  }

  /** The value at {@code path} of a stored row (JSON null when absent). */
  static JsonNode valueAt(StoredResource row, JsonPath path) {
    String json = "spec".equals(path.root()) ? row.specJson() : row.statusJson();
    JsonNode n = json == null || json.isEmpty() ? null : Json.parseTrusted(json);
    for (String s : path.segments()) {
      n = n == null || !n.isObject() ? null : n.get(s);
    }
    return n == null ? Json.nodes().nullNode() : n;
  }
}
