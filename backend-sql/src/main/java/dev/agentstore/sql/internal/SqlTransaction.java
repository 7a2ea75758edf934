package dev.agentstore.sql.internal;

import dev.agentstore.AgentStoreException;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Kind;
import dev.agentstore.RefField;
import dev.agentstore.TransactionConflictException;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.spi.ItemField;
import dev.agentstore.spi.SortKeys;
import dev.agentstore.spi.StoredCollectionItem;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredItemQuery;
import dev.agentstore.spi.StoredExecutionItem;
import dev.agentstore.spi.StoredItemsQuery;
import dev.agentstore.spi.StoredAggregation;
import dev.agentstore.spi.StoredLease;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import dev.agentstore.spi.StoredResourceHead;
import dev.agentstore.spi.StoredResourceWithItems;
import dev.agentstore.sql.DialectStrategy;
import dev.agentstore.sql.internal.StatementCache.Shape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The storage operations of one SQL transaction, written once for every SQL database; what
 * differs between databases comes from the {@link DialectStrategy}.
 *
 * <p>Usage: {@code new SqlTransaction(ctx, schema, dialect, errors, cache).insert(row)}
 */
public final class SqlTransaction implements BackendTransaction {
  private final DSLContext ctx;
  /** Runs the cached hot statements without jOOQ's per-execution pipeline. */
  private final DirectJdbc direct;
  private final SqlSchema schema;
  private final DialectStrategy dialect;
  private final SqlErrors errors;
  private final StatementCache statements;
  private final boolean readOnly;
  private final List<HistoryRecord> pendingHistory = new ArrayList<>();
  /** Whether a statement has run: the feed's ordering wait must come before the snapshot. */
  private boolean statementRun;
  private boolean wroteHistory;
  private boolean failed;
  private TransactionConflictException conflict;

  /**
   * A transaction over {@code ctx}, whose connection is already inside a transaction;
   * {@code statements} is the backend's cache of rendered statement texts, {@code readOnly} says
   * whether it began as a read transaction.
   */
  public SqlTransaction(DSLContext ctx, SqlSchema schema, DialectStrategy dialect,
      SqlErrors errors, StatementCache statements, boolean readOnly) {
    this.ctx = ctx;
    this.direct = new DirectJdbc(ctx);
    this.readOnly = readOnly;
    this.statements = statements;
    this.schema = schema;
    this.dialect = dialect;
    this.errors = errors;
  }

  /** Whether this transaction inserted history (so subscribers should be woken after commit). */
  public boolean wroteHistory() {
    return wroteHistory;
  }

  /**
   * Runs one storage operation. After a failed statement the transaction refuses further work
   * and can only roll back: PostgreSQL aborts such a transaction, and every SQL backend behaves
   * the same so callers cannot depend on continuing after an error.
   */
  private <T> T run(String operation, Supplier<T> work) {
    return run(operation, work, (mapped, cause) -> mapped);
  }

  /**
   * {@link #run(String, Supplier)}, letting {@code explain} restate a translated error in terms
   * of the caller's row (which slug is taken, which reference is missing).
   */
  private <T> T run(String operation, Supplier<T> work, Explainer explain) {
    if (failed) {
      throw abandoned(operation);
    }
    statementRun = true;
    try {
      return work.get();
    } catch (AgentStoreException e) {
      failed = true;
      throw e;
    } catch (RuntimeException e) {
      failed = true;
      AgentStoreException mapped = errors.translate(e, operation);
      if (mapped instanceof TransactionConflictException c) {
        conflict = c;
      }
      throw explain.explain(mapped, e);
    }
  }

  /**
   * The serialization failure or deadlock a statement of this transaction hit, or null. Once
   * set, the transaction's outcome is that conflict, whatever the caller made of the error: the
   * backend raises it (so the store re-runs the transaction) even if the caller's work caught it
   * and threw something else or returned.
   */
  public TransactionConflictException conflict() {
    return conflict;
  }

  /** Restates a translated database error for the row a statement wrote. */
  @FunctionalInterface
  private interface Explainer {
    AgentStoreException explain(AgentStoreException mapped, RuntimeException cause);
  }

  /** Whether a statement of this transaction failed (so it must roll back, never commit). */
  public boolean failed() {
    return failed;
  }

  /** The error for work attempted after a failed statement. */
  public static FailedPreconditionException abandoned(String operation) {
    return new FailedPreconditionException(operation + ": an earlier statement of this"
        + " transaction failed, so it can only roll back; it was rolled back");
  }

  // ------------------------------------------------------------------ resources

  @Override
  public void insert(StoredResource row) {
    ResourceTable t = schema.resource(row.kind());
    String what = row.kind().kindName() + " " + row.id();
    Map<Field<?>, Object> values = mutableColumns(t, row);
    values.put(t.id, row.id());
    values.put(t.org, row.org());
    values.put(t.createdAt, row.createdAt());
    values.put(t.createdBy, row.createdBy());
    run("insert " + what, () -> {
      String sql = statements.sql(Shape.INSERT, row.kind(),
          () -> ctx.insertInto(t.table).set(values));
      int n = direct.update(sql, values);
      writeEnvironmentRefs(row, false);
      return n;
    }, rowWrite("insert", row));
  }

  /**
   * Multi-row INSERTs of consecutive rows of one kind (the columns an insert writes are the same
   * for every row of a kind), then their environmentRefs join rows, in one statement each as far
   * as the bind limit allows.
   */
  @Override
  public void insertAll(List<StoredResource> rows) {
    int from = 0;
    while (from < rows.size()) {
      Kind kind = rows.get(from).kind();
      int to = from;
      while (to < rows.size() && rows.get(to).kind().equals(kind)) {
        to++;
      }
      insertSameKind(rows.subList(from, to));
      from = to;
    }
  }

  private void insertSameKind(List<StoredResource> rows) {
    if (rows.size() == 1) {
      insert(rows.get(0));
      return;
    }
    StoredResource first = rows.get(0);
    ResourceTable t = schema.resource(first.kind());
    List<Field<?>> columns = null;
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (StoredResource row : rows) {
      Map<Field<?>, Object> v = mutableColumns(t, row);
      v.put(t.id, row.id());
      v.put(t.org, row.org());
      v.put(t.createdAt, row.createdAt());
      v.put(t.createdBy, row.createdBy());
      if (columns == null) {
        columns = new ArrayList<>(v.keySet());
      }
      values.add(new ArrayList<>(v.values()));
    }
    List<Field<?>> cols = columns;
    run("insert " + rows.size() + " " + first.kind().kindName() + " rows (" + first.id()
        + " to " + rows.get(rows.size() - 1).id() + ")", () -> {
      loadRows(t.table, cols, values);
      EnvironmentRefTable j = schema.environmentRefs(first.kind());
      if (j != null) {
        List<List<Object>> refs = new ArrayList<>();
        for (StoredResource row : rows) {
          if (row.environmentRefs() != null) {
            row.environmentRefs().forEach(env -> refs.add(List.of(row.org(), row.id(), env)));
          }
        }
        if (!refs.isEmpty()) {
          loadRows(j.table, List.of(j.org, j.instanceId, j.environmentId), refs);
        }
      }
      return null;
    });
  }

  /** Whether a row of {@code kind} lacks the current indexed-field keys (a partial index probe). */
  public boolean hasPendingKeys(Kind kind) {
    ResourceTable t = schema.resource(kind);
    if (t.keysVersion == null) {
      return false;
    }
    // The backfill's own query, limited to one row: an open loads no other jOOQ classes.
    return run("look for rows of " + kind.kindName() + " without index keys", () ->
        !rowsWithoutKeys(t, 1).isEmpty());
  }

  /** Up to {@code limit} rows of {@code t} (id, status) whose keys are older than this version's. */
  private org.jooq.Result<org.jooq.Record2<String, String>> rowsWithoutKeys(ResourceTable t,
      int limit) {
    return ctx.select(t.id, t.status).from(t.table)
        .where(t.keysVersion.lt(IndexedField.KEYS_VERSION)).limit(limit).fetch();
  }

  /**
   * Computes the indexed-field keys of up to {@code batch} rows of {@code kind} that lack them
   * (keys_version 0: written before migration 3); returns how many it did.
   */
  public int computePendingKeys(Kind kind, int batch) {
    ResourceTable t = schema.resource(kind);
    if (t.keysVersion == null) {
      return 0;
    }
    return run("compute index keys of " + kind.kindName(), () -> {
      var rows = rowsWithoutKeys(t, batch);
      for (var r : rows) {
        Map<IndexedField, String> keys = IndexedField.keys(kind, r.value2());
        var update = ctx.update(t.table).set(t.keysVersion, IndexedField.KEYS_VERSION);
        for (Map.Entry<IndexedField, Field<String>> e : t.indexed.entrySet()) {
          update = update.set(e.getValue(), keys.get(e.getKey()));
        }
        update.where(t.id.eq(r.value1())).execute();
      }
      return rows.size();
    });
  }

  @Override
  public Optional<StoredResource> find(Kind kind, String id) {
    ResourceTable t = schema.resource(kind);
    String sql = statements.sql(Shape.FIND, kind, () -> ctx.selectFrom(t.table)
        .where(t.id.eq(id)));
    return run("read " + id, () -> onlyRow(t,
        direct.query(sql, List.of(StatementCache.bind(t.id, id)), t.columns)));
  }

  @Override
  public Optional<StoredResource> findForUpdate(Kind kind, String id) {
    if (!dialect.needsRowLocks()) {
      return find(kind, id);
    }
    ResourceTable t = schema.resource(kind);
    String sql = statements.sql(Shape.FIND_FOR_UPDATE, kind, () -> ctx.selectFrom(t.table)
        .where(t.id.eq(id)).forUpdate());
    return run("lock " + id, () -> onlyRow(t,
        direct.query(sql, List.of(StatementCache.bind(t.id, id)), t.columns)));
  }

  @Override
  public Optional<StoredResourceHead> findHeadForUpdate(Kind kind, String id) {
    ResourceTable t = schema.resource(kind);
    if (t.phase == null) { // no phase column: the whole row, as the default reads it
      return findForUpdate(kind, id).map(StoredResourceHead::of);
    }
    Field<?>[] head = {t.id, t.org, t.version, t.phase};
    String sql = statements.sql(Shape.FIND_HEAD_FOR_UPDATE, kind, () -> {
      var q = ctx.select(head).from(t.table).where(t.id.eq(id));
      return dialect.needsRowLocks() ? q.forUpdate() : q;
    });
    return run("lock " + id, () -> direct.query(sql, List.of(StatementCache.bind(t.id, id)), head)
        .stream().findFirst().map(r -> new StoredResourceHead(kind, r.get(t.id), r.get(t.org),
            r.get(t.version), r.get(t.phase))));
  }

  @Override
  public Optional<StoredResourceWithItems> findWithItems(Kind kind, String id,
      List<String> collections, boolean forUpdate) {
    if (collections.isEmpty()) { // the row alone, as the default reads it
      return BackendTransaction.super.findWithItems(kind, id, collections, forUpdate);
    }
    ResourceTable t = schema.resource(kind);
    boolean lock = forUpdate && dialect.needsRowLocks();
    RowWithItems read = statements.rowWithItems(t, schema.items(kind), lock);
    String sql = statements.sqlInSlot(lock ? Shape.FIND_WITH_ITEMS_FOR_UPDATE
        : Shape.FIND_WITH_ITEMS, kind.name() + ":" + collections.size(),
        () -> read.query(ctx, collections.size()));
    return run((lock ? "lock " : "read ") + id, () -> {
      RowWithItems.Read found = read.read(
          direct.query(sql, read.binds(id, collections), read.columns));
      if (found.row() == null) {
        return Optional.empty();
      }
      Map<String, List<StoredItem>> items = found.items();
      if (found.stale()) {
        items = new LinkedHashMap<>();
        for (var e : itemsOfFew(kind, schema.items(kind), List.of(id), collections).entrySet()) {
          items.put(e.getKey(), e.getValue().get(id));
        }
      }
      return Optional.of(new StoredResourceWithItems(toRow(t, found.row()), items));
    });
  }

  /** The one row a lookup by primary key found, if any. */
  private static Optional<StoredResource> onlyRow(ResourceTable t, List<DirectJdbc.Row> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(toRow(t, rows.get(0)));
  }

  @Override
  public Optional<StoredResource> findBySlug(Kind kind, String org, String slug) {
    ResourceTable t = schema.resource(kind);
    boolean inOrg = org != null && kind.scope() != Kind.Scope.PLATFORM;
    // Cached like a find by id: apply reads by slug on every call.
    String sql = statements.sql(inOrg ? Shape.FIND_BY_SLUG_IN_ORG : Shape.FIND_BY_SLUG, kind,
        () -> ctx.selectFrom(t.table).where(inOrg ? t.slug.eq(slug).and(t.org.eq(org))
            : t.slug.eq(slug)));
    List<Param<?>> binds = inOrg
        ? List.of(StatementCache.bind(t.slug, slug), StatementCache.bind(t.org, org))
        : List.of(StatementCache.bind(t.slug, slug));
    return run("read " + kind.kindName() + " by slug", () -> onlyRow(t,
        direct.query(sql, binds, t.columns)));
  }

  @Override
  public boolean update(StoredResource row, long expectedVersion) {
    ResourceTable t = schema.resource(row.kind());
    return updateColumns(t, row, expectedVersion, mutableColumns(t, row), false, Shape.UPDATE,
        row.kind().name());
  }

  /**
   * {@code UPDATE ... SET values WHERE id = ? AND version = ?} (and, with {@code currentKeys},
   * {@code AND keys_version = } this version's), run from the text cached under {@code shape}
   * and {@code slot}; the environment references follow the row it wrote. True if it wrote it.
   */
  private boolean updateColumns(ResourceTable t, StoredResource row, long expectedVersion,
      Map<Field<?>, Object> values, boolean currentKeys, Shape shape, String slot) {
    return run("update " + row.kind().kindName() + " " + row.id(), () -> {
      String sql = statements.sqlInSlot(shape, slot, () -> {
        Condition where = t.id.eq(row.id()).and(t.version.eq(expectedVersion));
        return ctx.update(t.table).set(values).where(currentKeys
            ? where.and(t.keysVersion.eq(IndexedField.KEYS_VERSION)) : where);
      });
      List<Field<?>> columns = new ArrayList<>(values.keySet());
      List<Object> binds = new ArrayList<>(values.values());
      columns.add(t.id);
      binds.add(row.id());
      columns.add(t.version);
      binds.add(expectedVersion);
      if (currentKeys) {
        columns.add(t.keysVersion);
        binds.add(IndexedField.KEYS_VERSION);
      }
      boolean updated = direct.updateRows(sql, columns, List.of(binds)) == 1;
      if (updated) {
        writeEnvironmentRefs(row, true);
      }
      return updated;
    }, rowWrite("update", row));
  }

  /**
   * An UPDATE of the columns whose values differ from {@code stored}'s (the version and the
   * update time always do): a status write leaves the slug, the references and the spec-derived
   * keys unset, so SQLite writes none of their index pages. Compared as stored: a JSON document
   * PostgreSQL gives back in its own spacing counts as changed and is written, as before. A row
   * whose keys predate the current {@link IndexedField#KEYS_VERSION} (written by an older
   * version, not yet backfilled) may hold keys other than its documents give, so the statement
   * also requires the current keys version and, finding none, the full update runs instead.
   */
  @Override
  public boolean updateChanged(StoredResource row, StoredResource stored) {
    if (!row.id().equals(stored.id()) || row.kind() != stored.kind()) {
      throw new IllegalArgumentException("updateChanged: " + row.id() + " over " + stored.id());
    }
    ResourceTable t = schema.resource(row.kind());
    Map<Field<?>, Object> now = mutableColumns(t, row);
    Map<Field<?>, Object> before = mutableColumns(t, stored);
    Map<Field<?>, Object> changed = new LinkedHashMap<>();
    StringBuilder slot = new StringBuilder(row.kind().name()).append(':');
    now.forEach((column, value) -> {
      boolean differs = column != t.keysVersion && !Objects.equals(value, before.get(column));
      if (differs) {
        changed.put(column, value);
      }
      slot.append(differs ? '1' : '0');
    });
    boolean keyed = t.keysVersion != null;
    boolean updated = updateColumns(t, row, stored.version(), changed, keyed,
        Shape.UPDATE_CHANGED, slot.toString());
    // Not updated: the version moved (the full update then changes nothing either) or the keys
    // are older than this version's (it writes them all).
    return updated || (keyed && update(row, stored.version()));
  }

  /**
   * Keeps the join rows of an instance's environmentRefs in step with the row just written (the
   * database checks each against the environments of the org); a null list leaves them as they
   * are.
   */
  private void writeEnvironmentRefs(StoredResource row, boolean replace) {
    EnvironmentRefTable j = schema.environmentRefs(row.kind());
    if (j == null || row.environmentRefs() == null) {
      return;
    }
    if (replace) {
      ctx.deleteFrom(j.table).where(j.instanceId.eq(row.id())).execute();
    }
    List<List<Object>> rows = new ArrayList<>();
    for (String env : row.environmentRefs()) {
      rows.add(List.of(row.org(), row.id(), env));
    }
    if (!rows.isEmpty()) {
      insertRows(j.table, List.of(j.org, j.instanceId, j.environmentId), rows);
    }
  }

  /**
   * The one restatement of insert and update failures: a unique violation names the slug (and,
   * for an insert, the id), a foreign-key violation lists the references the row carries.
   */
  private static Explainer rowWrite(String verb, StoredResource row) {
    String what = row.kind().kindName() + " " + row.id();
    return (mapped, cause) -> {
      Optional<dev.agentstore.KindDefinition.Unique> key = mapped instanceof AlreadyExistsException
          ? brokenUniqueKey(row.kind(), cause) : Optional.empty();
      if (key.isPresent()) {
        return new AlreadyExistsException(row.kind().kindName() + " " + row.id() + ": another "
            + row.kind().kindName() + (row.org() == null ? "" : " in " + row.org())
            + " already has the same " + String.join(", ", key.get().paths().stream()
                .map(dev.agentstore.JsonPath::text).toList()) + " (a unique key of " + row.kind().name()
            + ")", cause);
      }
      if (mapped instanceof AlreadyExistsException) {
        return new AlreadyExistsException(row.kind().kindName() + " with slug '" + row.slug()
            + "' already exists" + (row.kind().scope() == Kind.Scope.PLATFORM ? ""
            : " in " + row.org()), cause); // ids are store-made: a clash is the slug's
      }
      if (mapped instanceof FailedPreconditionException) {
        return new FailedPreconditionException(verb + " " + what + ": " + references(row), cause);
      }
      return mapped;
    };
  }

  /**
   * The declared unique key a unique violation broke, if it was one and not the slug: the
   * database's own message (not the statement's text, which names every column) names the
   * index (PostgreSQL) or its columns (SQLite, and PostgreSQL's detail), and key columns are
   * {@code k_<hash of the path>}, so no other index matches.
   */
  private static Optional<dev.agentstore.KindDefinition.Unique> brokenUniqueKey(Kind kind,
      Throwable cause) {
    if (kind.isBuiltIn() || kind.definition().isEmpty()) {
      return Optional.empty();
    }
    Throwable t = cause;
    while (t != null && !(t instanceof java.sql.SQLException)) {
      t = t.getCause();
    }
    String said = t == null || t.getMessage() == null ? "" : t.getMessage();
    dev.agentstore.KindDefinition definition = kind.definition().get();
    DeclaredTable table = new DeclaredTable(definition, null);
    Optional<dev.agentstore.KindDefinition.Unique> named = definition.uniques().stream()
        .filter(u -> said.contains(table.uniqueName(u))).findFirst();
    return named.isPresent() ? named : definition.uniques().stream()
        .filter(u -> u.paths().stream().allMatch(p -> said.contains(IndexedField.declaredColumn(p))))
        .max(java.util.Comparator.comparingInt(u -> u.paths().size()));
  }

  @Override
  public boolean touch(Kind kind, String id, long expectedVersion, long newVersion, Instant at,
      String actor) {
    ResourceTable t = schema.resource(kind);
    return run("update " + id, () -> {
      String sql = statements.sql(Shape.TOUCH, kind, () -> ctx.update(t.table)
          .set(t.version, newVersion).set(t.updatedAt, at).set(t.updatedBy, actor)
          .where(t.id.eq(id).and(t.version.eq(expectedVersion))));
      return direct.updateRows(sql, List.of(t.version, t.updatedAt, t.updatedBy, t.id,
          t.version), List.of(Arrays.asList(newVersion, at, actor, id, expectedVersion))) == 1;
    });
  }

  @Override
  public Optional<StoredResourceHead> bumpVersion(Kind kind, String id, Instant at,
      String actor) {
    ResourceTable t = schema.resource(kind);
    if (t.phase == null) { // no phase column: the default's read and touch
      return BackendTransaction.super.bumpVersion(kind, id, at, actor);
    }
    Field<?>[] head = {t.id, t.org, t.version, t.phase};
    String sql = statements.sqlReturning(Shape.BUMP_VERSION, kind, () -> ctx.update(t.table)
        .set(t.version, t.version.plus(DSL.inline(1L))).set(t.updatedAt, at)
        .set(t.updatedBy, actor).where(t.id.eq(id)), head);
    return run("update " + id, () -> direct.updateRowsReturning(sql, List.of(),
        List.of(t.updatedAt, t.updatedBy, t.id), List.of(Arrays.asList(at, actor, id)), head)
        .stream().findFirst().map(r -> new StoredResourceHead(kind, r.get(t.id), r.get(t.org),
            r.get(t.version), r.get(t.phase))));
  }

  @Override
  public boolean delete(Kind kind, String id, Long expectedVersion) {
    ResourceTable t = schema.resource(kind);
    Condition c = t.id.eq(id);
    if (expectedVersion != null) {
      c = c.and(t.version.eq(expectedVersion));
    }
    Condition where = c;
    return run("delete " + id, () -> {
          boolean deleted = ctx.deleteFrom(t.table).where(where).execute() == 1;
          if (deleted) { // a lease is no reference: it goes with its resource
            LeaseTable l = schema.leases();
            ctx.deleteFrom(l.table).where(l.resourceId.eq(id)).execute();
          }
          return deleted;
        },
        (mapped, cause) -> mapped instanceof FailedPreconditionException
            ? new FailedPreconditionException("cannot delete " + kind.kindName() + " " + id
                + ": other resources still reference it; delete them first", cause)
            : mapped);
  }

  @Override
  public List<StoredResource> list(Kind kind, StoredQuery q) {
    ResourceTable t = schema.resource(kind);
    return run("list " + kind.kindName(), () -> ctx.selectFrom(t.table)
        .where(QueryConditions.all(QueryConditions.page(t, q, dialect)))
        .orderBy(QueryConditions.order(t, q, dialect)).limit(q.limit()).fetch()
        .map(r -> toRow(t, r::get)));
  }

  @Override
  public long count(Kind kind, StoredQuery q) {
    ResourceTable t = schema.resource(kind);
    return run("count " + kind.kindName(), () -> (long) ctx.fetchCount(t.table,
        QueryConditions.all(QueryConditions.filters(t, q, dialect))));
  }

  // ------------------------------------------------------------------ leases

  @Override
  public List<StoredResource> claim(Kind kind, StoredQuery q, StoredLease lease) {
    ResourceTable t = schema.resource(kind);
    LeaseTable l = schema.leases();
    Instant now = lease.claimedAt();
    return run("claim " + kind.kindName(), () -> {
      Condition unleased = DSL.notExists(DSL.selectOne().from(l.table)
          .where(l.resourceId.eq(t.id)).and(l.expiresAt.gt(now)));
      SelectForUpdateStep<? extends Record> candidates = ctx.selectFrom(t.table)
          .where(QueryConditions.all(QueryConditions.filters(t, q, dialect))).and(unleased)
          .orderBy(QueryConditions.order(t, q, dialect)).limit(q.limit());
      // Concurrent claimers skip each other's candidates instead of all taking the first rows;
      // the guarded upsert below is what makes a row go to one claimer only.
      List<StoredResource> rows = (dialect.needsRowLocks()
          ? candidates.forUpdate().skipLocked() : candidates).fetch().map(r -> toRow(t, r::get));
      List<StoredResource> won = new ArrayList<>(rows.size());
      for (StoredResource row : rows) {
        int written = ctx.insertInto(l.table)
            .set(l.resourceId, row.id()).set(l.kind, kind.kindName()).set(l.org, row.org())
            .set(l.owner, lease.owner()).set(l.claimedAt, now).set(l.expiresAt, lease.expiresAt())
            .onConflict(l.resourceId).doUpdate()
            .set(l.kind, kind.kindName()).set(l.org, row.org()).set(l.owner, lease.owner())
            .set(l.claimedAt, now).set(l.expiresAt, lease.expiresAt())
            .where(l.expiresAt.le(now)) // an expired lease only: one in force keeps its holder
            .execute();
        if (written == 1) {
          won.add(row);
        }
      }
      return won;
    });
  }

  @Override
  public Optional<StoredLease> lease(String resourceId, Instant now) {
    LeaseTable l = schema.leases();
    return run("read the lease on " + resourceId, () -> ctx.selectFrom(l.table)
        .where(l.resourceId.eq(resourceId)).and(l.expiresAt.gt(now)).fetchOptional()
        .map(r -> new StoredLease(r.get(l.resourceId), r.get(l.kind), r.get(l.org),
            r.get(l.owner), r.get(l.claimedAt), r.get(l.expiresAt))));
  }

  @Override
  public boolean renewLease(String resourceId, String owner, Instant now, Instant expiresAt) {
    LeaseTable l = schema.leases();
    return run("renew the lease on " + resourceId, () -> ctx.update(l.table)
        .set(l.expiresAt, expiresAt)
        .where(l.resourceId.eq(resourceId)).and(l.owner.eq(owner)).and(l.expiresAt.gt(now))
        .execute() == 1);
  }

  @Override
  public boolean releaseLease(String resourceId, String owner) {
    LeaseTable l = schema.leases();
    return run("release the lease on " + resourceId, () -> ctx.deleteFrom(l.table)
        .where(l.resourceId.eq(resourceId)).and(l.owner.eq(owner)).execute() == 1);
  }

  // ------------------------------------------------------------------ aggregates

  @Override
  public List<StoredAggregation.Row> aggregate(Kind kind, StoredQuery q, StoredAggregation a) {
    ResourceTable t = schema.resource(kind);
    return run("aggregate " + kind.kindName(),
        () -> Aggregates.run(ctx, Aggregates.resources(t, q, dialect), a, dialect));
  }

  // ------------------------------------------------------------------ child items

  @Override
  public void appendItems(Kind kind, String id, String org, String collection,
      List<StoredItem> items) {
    ItemTable t = schema.items(kind);
    run("append to " + id, () -> {
      insertAfterLast(t, id, org, collection, items);
      return null;
    });
  }

  @Override
  public void upsertItem(Kind kind, String id, String org, String collection, StoredItem item) {
    OneItem one = oneItem(kind, id, org, collection, item);
    String sql = statements.multiRowInsert("upsert-after-last", one.t.table, one.columns, 1,
        () -> ItemTable.upsertAfterLast(ctx, one.t, one.columns, one.lastOf, one.row));
    run("upsert into " + id, () -> direct.updateRows(sql, one.lastOf, one.columns,
        List.of(one.row)));
  }

  @Override
  public OptionalLong appendItemUnlessKeyHeld(Kind kind, String id, String org,
      String collection, StoredItem item) {
    OneItem one = oneItem(kind, id, org, collection, item);
    String sql = statements.insertReturning("unless-key-held", one.t.table, one.columns,
        () -> ItemTable.insertUnlessKeyHeld(ctx, one.t, one.columns, one.lastOf, one.row),
        one.t.seq);
    return run("append to " + id, () -> {
      List<DirectJdbc.Row> stored = direct.updateRowsReturning(sql, one.lastOf, one.columns,
          List.of(one.row), new Field<?>[] {one.t.seq});
      return stored.isEmpty() ? OptionalLong.empty()
          : OptionalLong.of(stored.get(0).get(one.t.seq));
    });
  }

  /**
   * One item's row for an INSERT after the collection's last sequence: its columns, the
   * execution id and collection that find the last sequence, and its values (seq: offset 1).
   */
  private record OneItem(ItemTable t, List<Field<?>> columns, List<Param<?>> lastOf,
      List<Object> row) {}

  private OneItem oneItem(Kind kind, String id, String org, String collection, StoredItem item) {
    ItemTable t = schema.items(kind);
    return new OneItem(t, itemColumns(t), List.of(StatementCache.bind(t.executionId, id),
        StatementCache.bind(t.collection, collection)), itemRow(t, id, org, collection, 1, item,
        ItemField.keys(kind, collection, item.json())));
  }

  @Override
  public void replaceItems(Kind kind, String id, String org, String collection,
      List<StoredItem> items) {
    ItemTable t = schema.items(kind);
    run("replace items of " + id, () -> {
      ctx.deleteFrom(t.table).where(t.executionId.eq(id).and(t.collection.eq(collection)))
          .execute();
      insertItems(t, id, org, collection, 1, items);
      return null;
    });
  }

  @Override
  public void insertFirstItems(Kind kind, String id, String org, String collection,
      List<StoredItem> items) {
    ItemTable t = schema.items(kind);
    run("append to " + id, () -> {
      insertItems(t, id, org, collection, 1, items);
      return null;
    });
  }

  @Override
  public Map<String, Map<String, List<StoredItem>>> itemsOfCollections(Kind kind,
      Collection<String> ids, List<String> collections) {
    ItemTable t = schema.items(kind);
    if (ids.size() <= StatementCache.MAX_CACHED_ROWS) {
      return run("read items", () -> itemsOfFew(kind, t, ids, collections));
    }
    return run("read items", () -> {
      Map<String, Map<String, List<StoredItem>>> out = new LinkedHashMap<>();
      ctx.select(t.collection, t.executionId, t.seq, t.itemKey, t.body).from(t.table)
          .where(t.executionId.in(ids).and(t.collection.in(collections)))
          .orderBy(t.executionId, t.collection, t.seq)
          .forEach(r -> out.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>())
              .computeIfAbsent(r.value2(), k -> new ArrayList<>())
              .add(StoredItem.stored(r.value3(), r.value4(), r.value5())));
      return out;
    });
  }

  /**
   * The items of some collections of a get's execution or a page's: a cached text, since it
   * depends only on the kind and how many ids and collections are read.
   */
  private Map<String, Map<String, List<StoredItem>>> itemsOfFew(Kind kind, ItemTable t,
      Collection<String> ids, List<String> collections) {
    Field<?>[] columns = {t.collection, t.executionId, t.seq, t.itemKey, t.body};
    String sql = statements.sqlInSlot(Shape.ITEMS_OF_FEW,
        kind.name() + ":" + ids.size() + ":" + collections.size(),
        () -> ctx.select(columns).from(t.table)
            .where(t.executionId.in(ids).and(t.collection.in(collections)))
            .orderBy(t.executionId, t.collection, t.seq));
    List<Param<?>> binds = new ArrayList<>(ids.size() + collections.size());
    ids.forEach(id -> binds.add(StatementCache.bind(t.executionId, id)));
    collections.forEach(c -> binds.add(StatementCache.bind(t.collection, c)));
    Map<String, Map<String, List<StoredItem>>> out = new LinkedHashMap<>();
    for (DirectJdbc.Row r : direct.query(sql, binds, columns)) {
      out.computeIfAbsent(r.get(t.collection), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.get(t.executionId), k -> new ArrayList<>())
          .add(StoredItem.stored(r.get(t.seq), r.get(t.itemKey), r.get(t.body)));
    }
    return out;
  }

  @Override
  public Map<String, List<StoredItem>> items(Kind kind, Collection<String> ids,
      String collection) {
    ItemTable t = schema.items(kind);
    return run("read items", () -> {
      Map<String, List<StoredItem>> out = new LinkedHashMap<>();
      ctx.select(t.executionId, t.seq, t.itemKey, t.body).from(t.table)
          .where(t.executionId.in(ids).and(t.collection.eq(collection)))
          .orderBy(t.executionId, t.seq)
          .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>())
              .add(StoredItem.stored(r.value2(), r.value3(), r.value4())));
      return out;
    });
  }

  @Override
  public List<StoredItem> itemsAfter(Kind kind, String id, String collection,
      long afterSequence, int limit) {
    ItemTable t = schema.items(kind);
    return run("read items of " + id, () -> ctx.select(t.seq, t.itemKey, t.body).from(t.table)
        .where(t.executionId.eq(id).and(t.collection.eq(collection))
            .and(t.seq.gt(afterSequence)))
        .orderBy(t.seq).limit(limit)
        .fetch(r -> StoredItem.stored(r.value1(), r.value2(), r.value3())));
  }

  @Override
  public Optional<StoredItem> itemByKey(Kind kind, String id, String collection, String key) {
    ItemTable t = schema.items(kind);
    return run("read items of " + id, () -> ctx.select(t.seq, t.itemKey, t.body).from(t.table)
        .where(t.executionId.eq(id).and(t.collection.eq(collection)).and(t.itemKey.eq(key)))
        .fetchOptional(r -> StoredItem.stored(r.value1(), r.value2(), r.value3())));
  }

  @Override
  public long lastItemSequence(Kind kind, String id, String collection) {
    ItemTable t = schema.items(kind);
    Field<Long> last = DSL.max(t.seq);
    String sql = statements.sql(Shape.LAST_SEQ, t.kind, () -> ctx.select(last).from(t.table)
        .where(t.executionId.eq(id).and(t.collection.eq(collection))));
    return run("read items of " + id, () -> {
      Long max = direct.query(sql, List.of(StatementCache.bind(t.executionId, id),
          StatementCache.bind(t.collection, collection)), new Field<?>[] {last}).get(0).get(last);
      return max == null ? 0 : max;
    });
  }

  /**
   * Inserts items with sequences from {@code first}, in multi-row statements, each row with its
   * org and {@link ItemField} keys.
   */
  private void insertItems(ItemTable t, String id, String org, String collection, long first,
      List<StoredItem> items) {
    List<List<Object>> rows = new ArrayList<>(items.size());
    long seq = first;
    for (StoredItem i : items) {
      rows.add(itemRow(t, id, org, collection, seq++, i,
          ItemField.keys(t.kind, collection, i.json())));
    }
    insertRows(t.table, itemColumns(t), rows);
  }

  /**
   * Inserts items numbered after the collection's last sequence, which each statement reads
   * itself ({@code INSERT ... SELECT} from the last sequence joined to the rows' values), so an
   * append needs no SELECT of its own. The numbers are exact because every caller holds the
   * execution's row lock (PostgreSQL) or the only write transaction (SQLite): a statement that
   * starts after the lock is granted sees every committed item, and a later chunk sees an
   * earlier one's rows.
   */
  private void insertAfterLast(ItemTable t, String id, String org, String collection,
      List<StoredItem> items) {
    List<Field<?>> columns = itemColumns(t);
    List<Param<?>> lastOf = List.of(StatementCache.bind(t.executionId, id),
        StatementCache.bind(t.collection, collection));
    int perStatement = Math.max(1, (dialect.maxBindValues() - lastOf.size()) / columns.size());
    for (int from = 0; from < items.size(); from += perStatement) {
      List<StoredItem> chunk = items.subList(from, Math.min(items.size(), from + perStatement));
      List<List<Object>> rows = new ArrayList<>(chunk.size());
      long offset = 1; // the seq column holds the offset from the last sequence
      for (StoredItem i : chunk) {
        rows.add(itemRow(t, id, org, collection, offset++, i,
            ItemField.keys(t.kind, collection, i.json())));
      }
      String sql = statements.multiRowInsert("after-last", t.table, columns, rows.size(),
          () -> ItemTable.insertAfterLast(ctx, t, columns, lastOf, rows));
      direct.updateRows(sql, lastOf, columns, rows);
    }
  }

  /** The columns of an item row, in {@link #itemRow} order. */
  private static List<Field<?>> itemColumns(ItemTable t) {
    List<Field<?>> columns = new ArrayList<>(List.of(t.executionId, t.collection, t.seq,
        t.itemKey, t.body, t.org));
    columns.addAll(t.keys.values());
    return columns;
  }

  private static List<Object> itemRow(ItemTable t, String id, String org, String collection,
      long seq, StoredItem i, Map<String, String> keys) {
    List<Object> row = new ArrayList<>(Arrays.asList(id, collection, seq, i.key(), i.json(),
        org)); // key may be null
    t.keys.keySet().forEach(c -> row.add(keys.get(c)));
    return row;
  }

  /**
   * Inserts {@code rows} (values in {@code columns} order) in as few multi-row statements as the
   * dialect's bind limit allows, every value bound: one statement past the limit would make jOOQ
   * inline the values, which breaks SQLite's statement length limit for large documents.
   */
  private int insertRows(Table<?> table, List<? extends Field<?>> columns,
      List<? extends List<?>> rows) {
    return insertRows(table, columns, rows, sql -> sql);
  }

  /** {@link #insertRows}, each statement's text passed through {@code rewrite} first. */
  private int insertRows(Table<?> table, List<? extends Field<?>> columns,
      List<? extends List<?>> rows, java.util.function.UnaryOperator<String> rewrite) {
    int perStatement = Math.max(1, dialect.maxBindValues() / columns.size());
    int inserted = 0;
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<? extends List<?>> chunk =
          rows.subList(from, Math.min(rows.size(), from + perStatement));
      // The text depends on the table, the columns and the row count only: rendered once.
      String sql = statements.multiRowInsert(table, columns, chunk.size(), n -> {
        var insert = ctx.insertInto(table, columns);
        for (int r = 0; r < n; r++) {
          // Any row's values give the text its placeholders; a template may ask for more
          // rows than the chunk has.
          List<?> row = chunk.get(Math.min(r, chunk.size() - 1));
          List<Param<?>> binds = new ArrayList<>(columns.size());
          for (int c = 0; c < row.size(); c++) {
            binds.add(StatementCache.bind(columns.get(c), row.get(c)));
          }
          insert = insert.values(binds);
        }
        return insert;
      });
      inserted += direct.updateRows(rewrite.apply(sql), columns, chunk);
    }
    return inserted;
  }

  /**
   * {@link #insertRows}, or the dialect's bulk load where it has one (import and copy, which
   * write many rows at once).
   */
  private int loadRows(Table<?> table, List<? extends Field<?>> columns,
      List<? extends List<?>> rows) {
    return loadRows(table, columns, rows, sql -> sql);
  }

  /**
   * {@link #loadRows}; on the INSERT path each statement's text goes through {@code rewrite}
   * (the bulk load takes given identity values itself, see {@link DialectStrategy#bulkLoad}).
   */
  private int loadRows(Table<?> table, List<? extends Field<?>> columns,
      List<? extends List<?>> rows, java.util.function.UnaryOperator<String> rewrite) {
    if (!dialect.bulkLoads() || rows.size() < 2) {
      return insertRows(table, columns, rows, rewrite);
    }
    return (int) bulkLoad(table, columns, rows);
  }

  /**
   * Hands {@code rows} to {@link DialectStrategy#bulkLoad}, each value converted to its column's
   * database type as a bind value would be (a JSON column's text, an Instant as it is).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private long bulkLoad(Table<?> table, List<? extends Field<?>> columns,
      List<? extends List<?>> rows) {
    List<org.jooq.Converter> converters = new ArrayList<>(columns.size());
    List<String> names = new ArrayList<>(columns.size());
    for (Field<?> f : columns) {
      converters.add(f.getConverter());
      names.add(ctx.render(DSL.name(f.getName())));
    }
    List<List<Object>> converted = new ArrayList<>(rows.size());
    for (List<?> row : rows) {
      List<Object> out = new ArrayList<>(row.size());
      for (int c = 0; c < row.size(); c++) {
        Object v = row.get(c) == null ? null : converters.get(c).to(row.get(c));
        if (v instanceof org.jooq.JSONB j) {
          v = j.data();
        } else if (v instanceof org.jooq.JSON j) {
          v = j.data();
        }
        out.add(v);
      }
      converted.add(out);
    }
    String name = ctx.render(table);
    return ctx.connectionResult(c -> dialect.bulkLoad(c, name, names, converted));
  }


  // ------------------------------------------------------------------ items across executions

  @Override
  public List<StoredExecutionItem> itemsAcross(Kind kind, StoredItemsQuery q) {
    return run("read " + q.collection() + " across executions", () -> ItemQueries.list(ctx,
        schema.items(kind), schema.resource(kind), q, dialect));
  }

  @Override
  public long countItemsAcross(Kind kind, StoredItemsQuery q) {
    return run("count " + q.collection() + " across executions", () -> ItemQueries.count(ctx,
        schema.items(kind), schema.resource(kind), q, dialect));
  }

  @Override
  public List<StoredAggregation.Row> aggregateItemsAcross(Kind kind, StoredItemsQuery q,
      StoredAggregation a) {
    return run("aggregate " + q.collection() + " across executions", () -> Aggregates.run(ctx,
        ItemQueries.rows(schema.items(kind), schema.resource(kind), q, a, dialect), a,
        dialect));
  }

  // ------------------------------------------------------------------ declared collections

  @Override
  public List<StoredCollectionItem> collectionItemsByKey(Kind kind, String collection,
      String parentId, Collection<String> keys) {
    CollectionTable t = schema.collection(kind, collection);
    return run("read " + collection + " of " + parentId, () -> ctx
        .select(t.seq, t.itemKey, t.body, t.createdAt, t.createdBy).from(t.table)
        .where(t.parentId.eq(parentId).and(t.itemKey.in(keys))).orderBy(t.seq)
        .fetch(r -> StoredCollectionItem.stored(r.value1(), r.value2(), r.value3(), r.value4(),
            r.value5())));
  }

  @Override
  public List<StoredCollectionItem> appendCollectionItems(Kind kind, String collection,
      String parentId, String org, List<StoredCollectionItem> items) {
    CollectionTable t = schema.collection(kind, collection);
    return run("append to " + collection + " of " + parentId, () -> {
      // The primary key (parent_id, seq) serves this max: its cost does not grow with the items.
      Long max = ctx.select(DSL.max(t.seq)).from(t.table).where(t.parentId.eq(parentId))
          .fetchOne().value1();
      long seq = max == null ? 1 : max + 1;
      List<Field<?>> columns = new ArrayList<>(List.of(t.parentId, t.org, t.seq, t.itemKey,
          t.body, t.createdAt, t.createdBy));
      columns.addAll(t.keys.values());
      List<List<Object>> rows = new ArrayList<>(items.size());
      List<StoredCollectionItem> out = new ArrayList<>(items.size());
      for (StoredCollectionItem i : items) {
        List<Object> row = new ArrayList<>(Arrays.asList(parentId, org, seq, i.key(), i.json(),
            i.createdAt(), i.createdBy()));
        t.keys.keySet().forEach(f -> row.add(i.keys().getOrDefault(f, SortKeys.ABSENT)));
        rows.add(row);
        out.add(new StoredCollectionItem(seq++, i.key(), i.json(), Map.of(), i.createdAt(),
            i.createdBy()));
      }
      insertRows(t.table, columns, rows);
      return out;
    });
  }

  @Override
  public List<StoredCollectionItem> collectionItems(Kind kind, String collection,
      String parentId, StoredItemQuery query) {
    CollectionTable t = schema.collection(kind, collection);
    return run("read " + collection + " of " + parentId, () -> ctx
        .select(t.seq, t.itemKey, t.body, t.createdAt, t.createdBy).from(t.table)
        .where(itemConditions(t, parentId, query)).orderBy(t.seq).limit(query.limit())
        .fetch(r -> StoredCollectionItem.stored(r.value1(), r.value2(), r.value3(), r.value4(),
            r.value5())));
  }

  @Override
  public long countCollectionItems(Kind kind, String collection, String parentId,
      StoredItemQuery query) {
    CollectionTable t = schema.collection(kind, collection);
    return run("count " + collection + " of " + parentId, () -> ctx.selectCount()
        .from(t.table).where(itemConditions(t, parentId, query)).fetchOne(0, Long.class));
  }

  private static Condition itemConditions(CollectionTable t, String parentId,
      StoredItemQuery q) {
    Condition c = t.parentId.eq(parentId).and(t.seq.gt(q.afterSequence()));
    for (StoredItemQuery.Condition f : q.conditions()) {
      Field<String> k = t.keys.get(f.field());
      if (k == null) {
        throw new IllegalArgumentException("collection " + t.name + " has no field " + f.field());
      }
      String first = f.keys().get(0);
      Condition present = k.ne(SortKeys.ABSENT);
      c = c.and(switch (f.op()) {
        case IN -> k.in(f.keys());
        case NOT_IN -> k.notIn(f.keys());
        case LESS_THAN -> k.lt(first).and(present);
        case LESS_OR_EQUAL -> k.le(first).and(present);
        case GREATER_THAN -> k.gt(first).and(present);
        case GREATER_OR_EQUAL -> k.ge(first).and(present);
      });
    }
    return c;
  }

  // ------------------------------------------------------------------ history

  /** Keeps the row until {@link #flushHistory()}, which inserts it last, before commit. */
  @Override
  public void appendHistory(HistoryRecord r) {
    pendingHistory.add(r);
  }

  /**
   * Inserts the history rows appended so far, in order, after the dialect's ordering hook. The
   * backend calls it right before commit; history reads call it first so the transaction sees its
   * own rows.
   */
  public void flushHistory() {
    if (pendingHistory.isEmpty()) {
      return;
    }
    HistoryTable h = schema.history();
    run("record history", () -> {
      if (pendingHistory.size() == 1) {
        // The usual case, one row per write: a cached text, so nothing is rendered below while
        // the dialect's ordering lock is held.
        Map<Field<?>, Object> values = historyColumns(h, pendingHistory.get(0));
        String sql = statements.sql(Shape.HISTORY_INSERT_ONE, null,
            () -> ctx.insertInto(h.table).set(values));
        ctx.connection(dialect::beforeHistoryInsert);
        return direct.update(sql, values);
      }
      List<Field<?>> columns = new ArrayList<>(historyColumns(h, pendingHistory.get(0)).keySet());
      List<List<Object>> rows = new ArrayList<>(pendingHistory.size());
      for (HistoryRecord r : pendingHistory) {
        rows.add(new ArrayList<>(historyColumns(h, r).values()));
      }
      ctx.connection(dialect::beforeHistoryInsert);
      return insertRows(h.table, columns, rows);
    });
    pendingHistory.clear();
    wroteHistory = true;
  }

  @Override
  public List<HistoryRecord> history(String resourceId, long afterSequence, int limit) {
    flushHistory();
    HistoryTable h = schema.history();
    return run("read history", () -> ctx.selectFrom(h.table)
        .where(h.resourceId.eq(resourceId).and(h.seq.gt(afterSequence)))
        .orderBy(h.seq).limit(limit).fetch().map(this::toHistory));
  }

  @Override
  public Optional<HistoryRecord> historyAt(String resourceId, long version) {
    flushHistory();
    HistoryTable h = schema.history();
    return run("read history", () -> ctx.selectFrom(h.table)
        .where(h.resourceId.eq(resourceId).and(h.resourceVersion.eq(version)))
        .orderBy(h.seq.desc()).limit(1).fetchOptional().map(this::toHistory));
  }

  /**
   * Gapless when this is the first statement of a read transaction: the dialect's
   * {@link DialectStrategy#beforeFeedRead} then waits until every transaction that has allocated
   * a history sequence number has ended, before the snapshot this read sees is taken. Later in a
   * transaction the rows are those of its snapshot, consistent with the resources it read.
   */
  @Override
  public List<HistoryRecord> changesSince(long afterSequence, String org, int limit) {
    if (readOnly && !statementRun) {
      run("order the change feed", () -> {
        ctx.connection(dialect::beforeFeedRead);
        return null;
      });
    }
    flushHistory();
    HistoryTable h = schema.history();
    Condition where = h.seq.gt(afterSequence);
    if (org != null) {
      where = where.and(h.org.eq(org));
    }
    Condition c = where;
    return run("read changes", () -> ctx.selectFrom(h.table).where(c)
        .orderBy(h.seq).limit(limit).fetch().map(this::toHistory));
  }

  @Override
  public boolean replaceHistorySnapshot(long sequence, String snapshotJson) {
    flushHistory();
    HistoryTable h = schema.history();
    return run("rewrite history", () -> ctx.update(h.table).set(h.snapshot, snapshotJson)
        .where(h.seq.eq(sequence)).execute() == 1);
  }

  @Override
  public long pruneHistory(Instant before, Kind kind, int limit) {
    flushHistory();
    HistoryTable h = schema.history();
    var newer = h.table.as("newer");
    Field<String> newerResource = newer.field(h.resourceId);
    Field<Long> newerSeq = newer.field(h.seq);
    var old = h.table.as("old");
    Field<Long> oldSeq = old.field(h.seq);
    Condition prunable = old.field(h.createdAt).lt(before)
        .and(DSL.exists(DSL.selectOne().from(newer).where(newerResource.eq(old.field(h.resourceId))
            .and(newerSeq.gt(oldSeq)))));
    if (kind != null) {
      prunable = prunable.and(old.field(h.kind).eq(kind.name()));
    }
    // The lowest sequences first, at most `limit`: the batch is chosen by a subquery (both
    // dialects take LIMIT there; neither has DELETE ... LIMIT by default).
    Condition chosen = h.seq.in(DSL.select(oldSeq).from(old).where(prunable).orderBy(oldSeq)
        .limit(limit));
    return run("prune history", () -> (long) ctx.deleteFrom(h.table).where(chosen).execute());
  }

  @Override
  public long deleteHistoryOf(String resourceId) {
    flushHistory();
    HistoryTable h = schema.history();
    return run("delete history of " + resourceId, () -> (long) ctx.deleteFrom(h.table)
        .where(h.resourceId.eq(resourceId)).execute());
  }

  // ------------------------------------------------------------------ settings

  @Override
  public Optional<String> setting(String name) {
    HistoryTable h = schema.history();
    return run("read setting", () -> ctx.select(h.settingValue).from(h.settings)
        .where(h.settingName.eq(name)).fetchOptional(h.settingValue));
  }

  @Override
  public String settingIfAbsent(String name, String value) {
    HistoryTable h = schema.history();
    return run("write setting", () -> {
      ctx.insertInto(h.settings).set(h.settingName, name).set(h.settingValue, value)
          .onConflictDoNothing().execute();
      return ctx.select(h.settingValue).from(h.settings).where(h.settingName.eq(name))
          .fetchOne(h.settingValue);
    });
  }

  @Override
  public Map<String, String> settings() {
    HistoryTable h = schema.history();
    return run("read settings", () -> {
      Map<String, String> out = new LinkedHashMap<>();
      ctx.select(h.settingName, h.settingValue).from(h.settings).orderBy(h.settingName)
          .forEach(r -> out.put(r.value1(), r.value2()));
      return out;
    });
  }

  @Override
  public void putSetting(String name, String value) {
    HistoryTable h = schema.history();
    run("write setting", () -> ctx.insertInto(h.settings).set(h.settingName, name)
        .set(h.settingValue, value).onConflict(h.settingName).doUpdate()
        .set(h.settingValue, value).execute());
  }

  @Override
  public void deleteSetting(String name) {
    HistoryTable h = schema.history();
    run("delete setting", () -> ctx.deleteFrom(h.settings).where(h.settingName.eq(name))
        .execute());
  }

  // ------------------------------------------------------------------ import

  @Override
  public void importItems(Kind kind, String id, String collection, List<StoredItem> items) {
    importItemGroups(kind, List.of(new StoredItem.Group(id, collection, items)));
  }

  /**
   * Every group's items in the same multi-row INSERTs (the rows name their resource anyway),
   * each with its execution's org, read once for the whole call (the import inserted the
   * executions in this transaction), and its {@link ItemField} keys, as every item write has.
   */
  @Override
  public void importItemGroups(Kind kind, List<StoredItem.Group> groups) {
    ItemTable t = schema.items(kind);
    ResourceTable e = schema.resource(kind);
    run("import items of " + groups.size() + " " + kind.kindName() + " resources", () -> {
      // The org of each resource whose group does not carry it (import and copy) is read;
      // createAll gives the org its rows were just inserted with.
      List<String> unknown = groups.stream().filter(g -> g.org() == null)
          .map(StoredItem.Group::id).distinct().toList();
      Map<String, String> orgs = unknown.isEmpty() ? Map.of()
          : ctx.select(e.id, e.org).from(e.table).where(e.id.in(unknown)).fetchMap(e.id, e.org);
      List<List<Object>> rows = new ArrayList<>();
      for (StoredItem.Group g : groups) {
        String org = g.org() != null ? g.org() : orgs.get(g.id());
        for (StoredItem i : g.items()) {
          rows.add(itemRow(t, g.id(), org, g.collection(), i.sequence(), i,
              ItemField.keys(kind, g.collection(), i.json())));
        }
      }
      return loadRows(t.table, itemColumns(t), rows);
    });
  }

  @Override
  public void importHistory(List<HistoryRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    flushHistory();
    HistoryTable h = schema.history();
    run("import history", () -> {
      List<Field<?>> columns = new ArrayList<>();
      columns.add(h.seq);
      columns.addAll(historyColumns(h, records.get(0)).keySet());
      List<List<Object>> rows = new ArrayList<>(records.size());
      long max = 0;
      for (HistoryRecord r : records) {
        List<Object> row = new ArrayList<>(columns.size());
        row.add(r.sequence());
        row.addAll(historyColumns(h, r).values());
        rows.add(row);
        max = Math.max(max, r.sequence());
      }
      loadRows(h.table, columns, rows, dialect::explicitSequenceInsert);
      long highest = max;
      String table = ctx.render(h.table);
      String column = h.seq.getName();
      ctx.connection(c -> dialect.afterExplicitSequences(c, table, column, highest));
      return null;
    });
    wroteHistory = true;
  }

  @Override
  public void commitWithoutWaitingForDurability() {
    run("relax the commit's durability", () -> {
      ctx.connection(dialect::commitWithoutWaitingForDurability);
      return null;
    });
  }

  // ------------------------------------------------------------------ mapping

  /** The columns of one history row, in a fixed order (the cached text depends on it). */
  private static Map<Field<?>, Object> historyColumns(HistoryTable h, HistoryRecord r) {
    Map<Field<?>, Object> v = new LinkedHashMap<>();
    v.put(h.id, r.id());
    v.put(h.kind, r.kind().name());
    v.put(h.resourceId, r.resourceId());
    v.put(h.org, r.org());
    v.put(h.resourceVersion, r.resourceVersion());
    v.put(h.event, r.event().name());
    v.put(h.snapshot, r.snapshotJson());
    v.put(h.actor, r.actor());
    v.put(h.message, r.message());
    v.put(h.createdAt, r.createdAt());
    return v;
  }

  private static Map<Field<?>, Object> mutableColumns(ResourceTable t, StoredResource row) {
    Map<Field<?>, Object> v = new LinkedHashMap<>();
    v.put(t.slug, row.slug());
    v.put(t.name, row.name());
    v.put(t.version, row.version());
    v.put(t.labels, row.labelsJson());
    v.put(t.metadata, row.metadataJson());
    v.put(t.spec, row.specJson());
    v.put(t.status, row.statusJson());
    if (t.phase != null) {
      v.put(t.phase, row.phase());
    }
    if (!t.indexed.isEmpty()) {
      // The indexed fields' keys, computed from the spec and status being written (same
      // statement); a declared kind's reference columns hold the ids behind its REFERENCE keys.
      Map<IndexedField, String> keys = IndexedField.keys(row.kind(), row.specJson(),
          row.statusJson());
      t.indexed.forEach((f, col) -> v.put(col, keys.get(f)));
      v.put(t.keysVersion, IndexedField.KEYS_VERSION);
      t.declaredRefs.forEach((f, col) -> v.put(col, DeclaredTable.referencedId(keys.get(f))));
    }
    for (Map.Entry<RefField, Field<String>> e : t.refs.entrySet()) {
      v.put(e.getValue(), row.refs().get(e.getKey()));
    }
    if (t.agentExecutionId != null) {
      String exec = row.refs().get(RefField.EXECUTION_ID);
      boolean agent = exec != null && exec.startsWith(Kind.AGENT_EXECUTION.prefix() + "-");
      boolean workflow = exec != null && exec.startsWith(Kind.WORKFLOW_EXECUTION.prefix() + "-");
      v.put(t.agentExecutionId, agent ? exec : null);
      v.put(t.workflowExecutionId, workflow ? exec : null);
    }
    v.put(t.updatedAt, row.updatedAt());
    v.put(t.updatedBy, row.updatedBy());
    return v;
  }

  private static StoredResource toRow(ResourceTable t, DirectJdbc.Values r) {
    Map<RefField, String> refs = new EnumMap<>(RefField.class);
    t.refs.forEach((f, col) -> {
      String v = r.get(col);
      if (v != null) {
        refs.put(f, v);
      }
    });
    return StoredResource.builder(t.kind, r.get(t.id)).org(r.get(t.org)).slug(r.get(t.slug))
        .name(r.get(t.name)).version(r.get(t.version)).labelsJson(r.get(t.labels))
        .metadataJson(r.get(t.metadata)).specJson(r.get(t.spec)).statusJson(r.get(t.status))
        .phase(t.phase == null ? null : r.get(t.phase)).refs(refs).createdAt(r.get(t.createdAt))
        .updatedAt(r.get(t.updatedAt)).createdBy(r.get(t.createdBy))
        .updatedBy(r.get(t.updatedBy)).build();
  }

  /**
   * The kind a history row names; a kind another process declared after this store opened is
   * read from its stored definition and served from then on.
   */
  private Kind kindNamed(String name) {
    Kind k = schema.kindNamed(name);
    if (k == null) {
      new DeclaredKinds(ctx, schema, dialect).stored().forEach(schema::declare);
      k = schema.kindNamed(name);
    }
    if (k == null) {
      throw new IllegalStateException("a history row names the unknown kind " + name);
    }
    return k;
  }

  /** Every stored kind definition, in first-declared order. */
  public List<dev.agentstore.KindDefinition> storedKinds() {
    return run("read kind definitions", () -> new DeclaredKinds(ctx, schema, dialect).stored());
  }

  @Override
  public List<dev.agentstore.spi.StoredKindChange> kindChanges() {
    return run("read kind definition changes",
        () -> new DeclaredKinds(ctx, schema, dialect).changes());
  }

  @Override
  public List<dev.agentstore.KindDefinition> importKindChanges(
      List<dev.agentstore.spi.StoredKindChange> log) {
    List<dev.agentstore.KindDefinition> all = run("import kind definitions", () -> {
      lockKinds();
      return new DeclaredKinds(ctx, schema, dialect).importChanges(log);
    });
    all.forEach(schema::declare); // the rows that follow in this transaction need the tables
    return all;
  }

  private void lockKinds() {
    try {
      dialect.lockDeclaredKinds(ctx.configuration().connectionProvider().acquire());
    } catch (java.sql.SQLException e) {
      throw new org.jooq.exception.DataAccessException("lock kind definitions", e);
    }
  }

  /**
   * Applies kind definitions (see {@code Backend.declareKinds}) under the dialect's lock; the
   * caller serves the kinds returned once the transaction commits.
   */
  public List<dev.agentstore.KindDefinition> declareKinds(
      List<dev.agentstore.KindDefinition> declared, java.time.Instant now) {
    return run("apply kind definitions", () -> {
      lockKinds();
      return new DeclaredKinds(ctx, schema, dialect).apply(declared, now);
    });
  }

  private HistoryRecord toHistory(Record r) {
    HistoryTable h = schema.history();
    return HistoryRecord.builder().sequence(r.get(h.seq)).id(r.get(h.id))
        .kind(kindNamed(r.get(h.kind))).resourceId(r.get(h.resourceId)).org(r.get(h.org))
        .resourceVersion(r.get(h.resourceVersion)).event(ChangeEvent.valueOf(r.get(h.event)))
        .snapshotJson(r.get(h.snapshot)).actor(r.get(h.actor)).message(r.get(h.message))
        .createdAt(r.get(h.createdAt)).build();
  }

  private static String references(StoredResource row) {
    StringBuilder b = new StringBuilder();
    if (row.kind().scope() == Kind.Scope.ORG) {
      b.append("metadata.org ").append(row.org());
    }
    row.refs().forEach((f, v) -> {
      if (f.target() != null || f == RefField.EXECUTION_ID) {
        b.append(", spec.").append(f.specField()).append(' ').append(v);
      }
    });
    if (row.environmentRefs() != null && !row.environmentRefs().isEmpty()) {
      b.append(", spec.environmentRefs ").append(row.environmentRefs());
    }
    row.kind().definition().ifPresent(d -> { // a declared kind's REFERENCE fields
      Map<IndexedField, String> keys = IndexedField.keys(row.kind(), row.specJson(),
          row.statusJson());
      for (dev.agentstore.KindDefinition.Field f : d.fields()) {
        if (f.type() == dev.agentstore.FieldType.REFERENCE) {
          IndexedField.find(row.kind(), f.path()).map(keys::get)
              .map(DeclaredTable::referencedId)
              .ifPresent(id -> b.append(", ").append(f.path().text()).append(' ').append(id));
        }
      }
    });
    return "a referenced resource does not exist in " + row.org() + " (checked: " + b + ")";
  }
}
