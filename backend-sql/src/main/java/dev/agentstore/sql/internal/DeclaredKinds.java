package dev.agentstore.sql.internal;

import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.spi.IndexedField;
import dev.agentstore.sql.DialectStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Applies kind definitions inside one write transaction: reads the stored ones, creates the
 * table, keys, checks and indexes of each new kind, applies the supported changes of a changed
 * one (new and dropped unique keys and indexes, after checking that the stored rows meet every
 * new key; added, dropped and changed fields as {@link dev.agentstore.spi.FieldChanges} decides,
 * with their key columns, checks and defaults; the tables of added collections), and records
 * each change with the definition's new version. Anything else a changed definition asks, or a
 * change the stored rows break, is refused, changing nothing.
 *
 * <p>Usage: {@code new DeclaredKinds(ctx, schema, dialect).apply(declared, now)}
 */
final class DeclaredKinds {
  private final DSLContext ctx;
  private final SqlSchema schema;
  private final DialectStrategy dialect;
  private final Table<?> definitions;
  private final Field<String> name;
  private final Field<String> idPrefix;
  private final Field<Long> version;
  private final Field<String> definition;
  private final Field<Long> declaredSeq;
  private final Field<Instant> updatedAt;
  private final Table<?> changes;

  DeclaredKinds(DSLContext ctx, SqlSchema schema, DialectStrategy dialect) {
    this.ctx = ctx;
    this.schema = schema;
    this.dialect = dialect;
    this.definitions = ResourceTable.table(schema.generated(), "kind_definitions");
    this.name = ResourceTable.column(definitions, "name", String.class);
    this.idPrefix = ResourceTable.column(definitions, "id_prefix", String.class);
    this.version = ResourceTable.column(definitions, "version", Long.class);
    this.definition = ResourceTable.column(definitions, "definition", String.class);
    this.declaredSeq = ResourceTable.column(definitions, "declared_seq", Long.class);
    this.updatedAt = ResourceTable.column(definitions, "updated_at", Instant.class);
    this.changes = ResourceTable.table(schema.generated(), "kind_definition_changes");
  }

  /** Every stored definition, in first-declared order. */
  List<KindDefinition> stored() {
    Map<String, Kind> resolved = new HashMap<>();
    List<KindDefinition> out = new ArrayList<>();
    for (Record r : ctx.select(definition).from(definitions).orderBy(declaredSeq).fetch()) {
      KindDefinition d = KindDefinition.fromJson(DeclaredTable.parse(r.get(definition)), resolved);
      resolved.put(d.kind().name(), d.kind());
      out.add(d);
    }
    return out;
  }

  /** The change log of every stored kind, by first-declared order then version. */
  List<dev.agentstore.spi.StoredKindChange> changes() {
    Field<String> cName = ResourceTable.column(changes, "name", String.class);
    Field<Long> cVersion = ResourceTable.column(changes, "version", Long.class);
    Field<String> cDefinition = ResourceTable.column(changes, "definition", String.class);
    Field<Instant> cApplied = ResourceTable.column(changes, "applied_at", Instant.class);
    return ctx.select(cName, cVersion, cDefinition, cApplied, declaredSeq).from(changes)
        .join(definitions).on(name.eq(cName)).orderBy(declaredSeq, cVersion)
        .fetch(r -> new dev.agentstore.spi.StoredKindChange(r.value1(), r.value2(), r.value3(),
            r.value4(), r.value5()));
  }

  /**
   * Makes the stored definitions and their log those of {@code log} (see
   * {@code BackendTransaction.importKindChanges}): creates each kind the store lacks with the
   * definition its log ends with, keeps one it holds with that definition, refuses one it holds
   * with another, then writes each kind's version, declared order and change log as logged.
   */
  List<KindDefinition> importChanges(List<dev.agentstore.spi.StoredKindChange> log) {
    Map<String, List<dev.agentstore.spi.StoredKindChange>> byKind = new LinkedHashMap<>();
    log.stream().sorted(java.util.Comparator
            .comparingLong(dev.agentstore.spi.StoredKindChange::declaredOrder)
            .thenComparingLong(dev.agentstore.spi.StoredKindChange::version))
        .forEach(c -> byKind.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c));
    Map<String, KindDefinition> held = new LinkedHashMap<>();
    stored().forEach(d -> held.put(d.kind().name(), d));
    Map<String, Kind> resolved = new HashMap<>();
    held.values().forEach(d -> resolved.put(d.kind().name(), d.kind()));
    Field<String> cName = ResourceTable.column(changes, "name", String.class);
    for (Map.Entry<String, List<dev.agentstore.spi.StoredKindChange>> e : byKind.entrySet()) {
      List<dev.agentstore.spi.StoredKindChange> versions = e.getValue();
      dev.agentstore.spi.StoredKindChange last = versions.get(versions.size() - 1);
      KindDefinition d = KindDefinition.fromJson(DeclaredTable.parse(last.definitionJson()),
          resolved);
      if (!d.kind().name().equals(e.getKey())) {
        throw new dev.agentstore.InvalidArgumentException("kind " + e.getKey() + ": its logged"
            + " definition names " + d.kind().name());
      }
      for (int i = 0; i < versions.size(); i++) {
        if (versions.get(i).version() != i + 1) {
          throw new dev.agentstore.InvalidArgumentException("kind " + e.getKey() + ": version "
              + versions.get(i).version() + " where " + (i + 1) + " was expected");
        }
      }
      KindDefinition old = held.get(e.getKey());
      if (old == null) {
        apply(List.of(d), last.appliedAt());
      } else if (!old.equals(d)) {
        throw new FailedPreconditionException("kind " + d.kind() + ": this store declares it"
            + " differently (stored: " + old.toJson() + ", imported: " + d.toJson() + "); open"
            + " the target without that definition or with the source's");
      }
      ctx.deleteFrom(changes).where(cName.eq(e.getKey())).execute();
      for (dev.agentstore.spi.StoredKindChange c : versions) {
        // in the store's own spelling (an archive's JSON has its members sorted)
        log(e.getKey(), c.version(), KindDefinition.fromJson(DeclaredTable.parse(
            c.definitionJson()), resolved).toJson().toString(), c.appliedAt());
      }
      ctx.update(definitions).set(version, last.version()).set(definition, d.toJson().toString())
          .set(declaredSeq, last.declaredOrder()).set(updatedAt, last.appliedAt())
          .where(name.eq(e.getKey())).execute();
      resolved.put(d.kind().name(), d.kind());
      held.put(d.kind().name(), d);
    }
    return stored();
  }

  /** Applies {@code declared} over the stored definitions; returns them all, in order. */
  List<KindDefinition> apply(List<KindDefinition> declared, Instant now) {
    Map<String, KindDefinition> all = new LinkedHashMap<>();
    stored().forEach(d -> all.put(d.kind().name(), d));
    Long max = ctx.select(org.jooq.impl.DSL.max(declaredSeq)).from(definitions).fetchOne(0,
        Long.class);
    long seq = max == null ? 0L : max;
    for (KindDefinition d : declared) {
      KindDefinition old = all.get(d.kind().name());
      if (old == null) {
        create(d, ++seq, now, all);
      } else if (!old.equals(d)) {
        change(old, d, now);
      }
      all.put(d.kind().name(), d);
    }
    return List.copyOf(all.values());
  }

  private void create(KindDefinition d, long seq, Instant now, Map<String, KindDefinition> all) {
    for (KindDefinition other : all.values()) {
      if (other.idPrefix().equals(d.idPrefix())) {
        throw new FailedPreconditionException("kind " + d.kind() + ": its idPrefix '"
            + d.idPrefix() + "' is already the prefix of " + other.kind());
      }
    }
    for (KindDefinition.Field f : d.fields()) {
      f.references().ifPresent(r -> {
        if (!r.target().isBuiltIn() && !all.containsKey(r.target().name())) {
          throw new FailedPreconditionException("kind " + d.kind() + ": field "
              + f.path().text() + " references " + r.target()
              + ", which the store does not hold; declare it first");
        }
      });
    }
    for (String ddl : new DeclaredTable(d, schema.generated()).createStatements(dialect)) {
      ctx.execute(ddl);
    }
    String json = d.toJson().toString();
    ctx.insertInto(definitions).set(name, d.kind().name()).set(idPrefix, d.idPrefix())
        .set(version, 1L).set(definition, json).set(declaredSeq, seq).set(updatedAt, now)
        .execute();
    log(d.kind().name(), 1L, json, now);
  }

  private void change(KindDefinition old, KindDefinition d, Instant now) {
    if (!old.idPrefix().equals(d.idPrefix())) {
      throw new FailedPreconditionException("kind " + d.kind() + ": its idPrefix cannot change"
          + " (stored: '" + old.idPrefix() + "', declared: '" + d.idPrefix() + "'; nothing was"
          + " changed)");
    }
    dev.agentstore.spi.FieldChanges fields = dev.agentstore.spi.FieldChanges.between(old, d);
    for (dev.agentstore.CollectionDefinition c : old.collections()) {
      if (!d.collection(c.name()).map(c::equals).orElse(false)) {
        throw new FailedPreconditionException("kind " + d.kind() + ": collection " + c.name()
            + " must stay as stored (dropping a collection or changing its fields is not"
            + " supported; stored: " + c + ")");
      }
    }
    DeclaredTable table = new DeclaredTable(d, schema.generated());
    DeclaredTable oldTable = new DeclaredTable(old, schema.generated());
    for (KindDefinition.Unique u : old.uniques()) {
      if (!d.uniques().contains(u)) {
        ctx.execute("DROP INDEX " + oldTable.uniqueName(u));
      }
    }
    for (List<dev.agentstore.JsonPath> ix : old.indexes()) {
      if (!d.indexes().contains(ix)) {
        ctx.execute("DROP INDEX " + oldTable.indexName(ix));
      }
    }
    ResourceTable rows = ResourceTable.declared(d.kind(), table.model());
    if (fields.any()) {
      changeFields(old, table, oldTable, rows, fields);
    }
    for (KindDefinition.Unique u : d.uniques()) {
      if (!old.uniques().contains(u)) {
        refuseDuplicates(d, rows, u);
        ctx.execute(table.uniqueStatement(u));
      }
    }
    for (List<dev.agentstore.JsonPath> ix : d.indexes()) {
      if (!old.indexes().contains(ix)) {
        ctx.execute(table.indexStatement(ix));
      }
    }
    for (dev.agentstore.CollectionDefinition c : d.collections()) {
      if (old.collection(c.name()).isEmpty()) {
        for (String ddl : new CollectionTable(d, c, schema.generated()).createStatements(dialect)) {
          ctx.execute(ddl);
        }
      }
    }
    long next = Objects.requireNonNull(ctx.select(version).from(definitions)
        .where(name.eq(d.kind().name())).fetchOne(version)) + 1;
    String json = d.toJson().toString();
    ctx.update(definitions).set(version, next).set(definition, json).set(updatedAt, now)
        .where(name.eq(d.kind().name())).execute();
    log(d.kind().name(), next, json, now);
  }

  /**
   * Applies {@code fields} (see {@link dev.agentstore.spi.FieldChanges}) after the old unique
   * keys and indexes the new definition drops are gone: drops the checks, key columns and
   * indexes of dropped and changed fields, adds the key columns of new ones, passes every stored
   * row through the checks (writing defaults and recomputing every key), refuses the change
   * when a row breaks it, then creates the new key indexes and checks.
   */
  private void changeFields(KindDefinition old, DeclaredTable table, DeclaredTable oldTable,
      ResourceTable rows, dev.agentstore.spi.FieldChanges fields) {
    Map<dev.agentstore.JsonPath, IndexedField> oldKeys = keysByPath(old);
    Map<dev.agentstore.JsonPath, IndexedField> newKeys = keysByPath(table.definition);
    List<KindDefinition.Field> gone = new ArrayList<>(fields.dropped());
    fields.changed().forEach(f -> gone.add(old.field(f.path()).orElseThrow()));
    for (KindDefinition.Field f : gone) {
      KindDefinition.Field now = table.definition.field(f.path()).orElse(null);
      if (now == null || !now.oneOf().equals(f.oneOf())) {
        for (String ddl : oldTable.dropOneOfCheck(dialect, f)) {
          ctx.execute(ddl);
        }
      }
      IndexedField k = oldKeys.get(f.path());
      if (k != null && !newKeys.containsKey(f.path())) {
        for (String ddl : oldTable.dropKeyColumnStatements(k)) {
          ctx.execute(ddl);
        }
      }
    }
    List<IndexedField> newColumns = new ArrayList<>();
    newKeys.forEach((p, k) -> {
      if (!oldKeys.containsKey(p)) {
        ctx.execute(table.addKeyColumnStatement(dialect, k));
        newColumns.add(k);
      }
    });
    boolean keysMoved = !newColumns.isEmpty() || fields.changed().stream()
        .anyMatch(f -> old.field(f.path()).orElseThrow().type() != f.type());
    if (fields.needsScan() || keysMoved) {
      scan(rows, fields);
    }
    fields.refuseIfViolated();
    for (IndexedField k : newColumns) {
      ctx.execute(table.keyIndexStatement(k));
    }
    for (KindDefinition.Field f : table.definition.fields()) {
      KindDefinition.Field was = old.field(f.path()).orElse(null);
      if (was == null || !was.oneOf().equals(f.oneOf())) {
        for (String ddl : table.oneOfCheck(dialect, f)) {
          ctx.execute(ddl);
        }
      }
    }
  }

  /** How many rows one read of {@link #scan} takes (a change of a big kind reads in pages). */
  private static final int SCAN_BATCH = 500;

  /**
   * Passes every stored row of the kind through {@code fields}' checks, in pages by id, and
   * writes back each row whose JSON took a default or whose keys changed.
   */
  private void scan(ResourceTable rows, dev.agentstore.spi.FieldChanges fields) {
    List<Field<?>> select = new ArrayList<>(List.of(rows.id, rows.spec, rows.status));
    List<Map.Entry<IndexedField, Field<String>>> keys = new ArrayList<>(rows.indexed.entrySet());
    keys.forEach(e -> select.add(e.getValue()));
    // Two statement shapes, each run as one JDBC batch per page: every key, or the documents too.
    org.jooq.Query keysOnly = rewrite(rows, keys, false);
    org.jooq.Query withJson = rewrite(rows, keys, true);
    String after = "";
    while (true) {
      var page = ctx.select(select).from(rows.table).where(rows.id.gt(after)).orderBy(rows.id)
          .limit(SCAN_BATCH).fetch();
      List<Object[]> keyRows = new ArrayList<>();
      List<Object[]> jsonRows = new ArrayList<>();
      for (Record r : page) {
        String id = r.get(rows.id);
        String spec = r.get(rows.spec);
        String status = r.get(rows.status);
        String[] rewritten = fields.check(id, spec, status);
        if (rewritten != null) {
          spec = rewritten[0];
          status = rewritten[1];
        }
        Map<IndexedField, String> now = IndexedField.keys(rows.kind, spec, status);
        List<Object> values = new ArrayList<>();
        if (rewritten != null) {
          values.add(spec);
          values.add(status);
        }
        boolean moved = false;
        for (Map.Entry<IndexedField, Field<String>> e : keys) {
          String key = now.get(e.getKey());
          moved |= !key.equals(r.get(e.getValue()));
          values.add(key);
        }
        values.add(id);
        if (rewritten != null) {
          jsonRows.add(values.toArray());
        } else if (moved) {
          keyRows.add(values.toArray());
        }
      }
      run(keysOnly, keyRows);
      run(withJson, jsonRows);
      if (page.size() < SCAN_BATCH) {
        return;
      }
      after = page.get(page.size() - 1).get(rows.id);
    }
  }

  /** {@code UPDATE ... SET [spec, status,] keys... WHERE id = ?} with every value a bind. */
  private org.jooq.Query rewrite(ResourceTable rows,
      List<Map.Entry<IndexedField, Field<String>>> keys, boolean json) {
    Map<Field<?>, Object> set = new LinkedHashMap<>();
    if (json) {
      set.put(rows.spec, org.jooq.impl.DSL.param("spec", rows.spec));
      set.put(rows.status, org.jooq.impl.DSL.param("status", rows.status));
    }
    for (Map.Entry<IndexedField, Field<String>> e : keys) {
      set.put(e.getValue(), org.jooq.impl.DSL.param("k" + set.size(), e.getValue()));
    }
    if (set.isEmpty()) {
      return null;
    }
    return ctx.update(rows.table).set(set)
        .where(rows.id.eq(org.jooq.impl.DSL.param("id", rows.id)));
  }

  private void run(org.jooq.Query statement, List<Object[]> binds) {
    if (binds.isEmpty()) {
      return;
    }
    var batch = ctx.batch(statement);
    binds.forEach(batch::bind);
    batch.execute();
  }

  private static Map<dev.agentstore.JsonPath, IndexedField> keysByPath(KindDefinition d) {
    Map<dev.agentstore.JsonPath, IndexedField> out = new LinkedHashMap<>();
    IndexedField.of(d.kind()).forEach(k -> out.put(k.path(), k));
    return out;
  }

  /** Refuses a new unique key the stored rows break, naming (some of) the colliding ids. */
  private void refuseDuplicates(KindDefinition d, ResourceTable rows, KindDefinition.Unique u) {
    List<Field<?>> group = new ArrayList<>();
    group.add(rows.org);
    org.jooq.Condition held = org.jooq.impl.DSL.trueCondition();
    for (dev.agentstore.JsonPath p : u.paths()) {
      Field<String> k = key(rows, p);
      group.add(k);
      held = held.and(k.ne(dev.agentstore.spi.SortKeys.ABSENT));
    }
    if (u.where().isPresent()) {
      KindDefinition.Where w = u.where().get();
      held = held.and(key(rows, w.path()).in(w.values().stream()
          .map(dev.agentstore.spi.SortKeys::text).toList()));
    }
    var dup = ctx.select(org.jooq.impl.DSL.min(rows.id), org.jooq.impl.DSL.max(rows.id),
            org.jooq.impl.DSL.count())
        .from(rows.table).where(held).groupBy(group)
        .having(org.jooq.impl.DSL.count().gt(1)).limit(5).fetch();
    if (!dup.isEmpty()) {
      List<String> ids = new ArrayList<>();
      dup.forEach(r -> ids.add(r.value1() + " and " + r.value2()
          + (r.value3() > 2 ? " (and " + (r.value3() - 2) + " more)" : "")));
      throw new FailedPreconditionException("kind " + d.kind() + ": the new unique key "
          + u.paths().stream().map(dev.agentstore.JsonPath::text).toList()
          + " is broken by stored resources with the same values: " + String.join("; ", ids)
          + "; change them first (nothing was changed)");
    }
  }

  private static Field<String> key(ResourceTable rows, dev.agentstore.JsonPath p) {
    return rows.indexed.entrySet().stream().filter(e -> e.getKey().path().equals(p))
        .findFirst().orElseThrow().getValue();
  }

  private void log(String kind, long v, String json, Instant now) {
    ctx.insertInto(changes)
        .set(ResourceTable.column(changes, "name", String.class), kind)
        .set(ResourceTable.column(changes, "version", Long.class), v)
        .set(ResourceTable.column(changes, "definition", String.class), json)
        .set(ResourceTable.column(changes, "applied_at", Instant.class), now).execute();
  }
}
