package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import dev.agentstore.RefField;
import dev.agentstore.spi.IndexedField;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The generated jOOQ table of one kind with its columns, looked up by name so one implementation
 * serves every kind and every dialect. Construction fails when the generated model lacks a column
 * or gives it another Java type than the implementation relies on.
 *
 * <p>Usage: {@code ResourceTable t = ResourceTable.of(schema, Kind.AGENT); ctx.selectFrom(t.table)}
 */
final class ResourceTable {
  final Kind kind;
  final Table<?> table;
  /** Every column in the table's order, kept once: jOOQ's {@code fields()} copies per call. */
  final Field<?>[] columns;
  final Field<String> id;
  final Field<String> org;
  final Field<String> slug;
  final Field<String> name;
  final Field<Long> version;
  final Field<String> labels;
  final Field<String> metadata;
  final Field<String> spec;
  final Field<String> status;
  final Field<String> phase;
  final Field<Instant> createdAt;
  final Field<Instant> updatedAt;
  final Field<String> createdBy;
  final Field<String> updatedBy;
  final Map<RefField, Field<String>> refs = new EnumMap<>(RefField.class);
  /** The key columns of the kind's indexed fields ({@link IndexedField#of}). */
  final Map<IndexedField, Field<String>> indexed = new LinkedHashMap<>();
  /** A declared kind's reference columns, by the indexed field whose key names the id. */
  final Map<IndexedField, Field<String>> declaredRefs = new LinkedHashMap<>();
  /** Which key encoding the row's indexed columns hold (0: not computed yet); null: none. */
  final Field<Integer> keysVersion;
  /** ExecutionContext only: the per-kind foreign key columns behind spec.executionId. */
  final Field<String> agentExecutionId;
  final Field<String> workflowExecutionId;

  private ResourceTable(Kind kind, Table<?> table) {
    this.kind = kind;
    this.table = table;
    this.columns = table.fields();
    this.id = column(table, "id", String.class);
    this.org = column(table, "org", String.class);
    this.slug = column(table, "slug", String.class);
    this.name = column(table, "name", String.class);
    this.version = column(table, "version", Long.class);
    this.labels = column(table, "labels", String.class);
    this.metadata = column(table, "metadata", String.class);
    this.spec = column(table, "spec", String.class);
    this.status = column(table, "status", String.class);
    this.phase = kind.isExecution() ? column(table, "phase", String.class) : null;
    this.createdAt = column(table, "created_at", Instant.class);
    this.updatedAt = column(table, "updated_at", Instant.class);
    this.createdBy = column(table, "created_by", String.class);
    this.updatedBy = column(table, "updated_by", String.class);
    for (RefField f : kind.refFields()) {
      refs.put(f, column(table, SqlNames.column(f), String.class));
    }
    for (IndexedField f : IndexedField.of(kind)) {
      indexed.put(f, column(table, f.column(), String.class));
    }
    this.keysVersion = indexed.isEmpty() ? null : column(table, "keys_version", Integer.class);
    kind.definition().ifPresent(d -> d.fields().stream().filter(f -> f.references().isPresent())
        .forEach(f -> declaredRefs.put(IndexedField.find(kind, f.path()).orElseThrow(),
            column(table, DeclaredTable.referenceColumn(f), String.class))));
    boolean context = kind == Kind.EXECUTION_CONTEXT;
    this.agentExecutionId = context ? column(table, "agent_execution_id", String.class) : null;
    this.workflowExecutionId = context ? column(table, "workflow_execution_id", String.class) : null;
  }

  /** The table of a declared kind, over its model (see {@link DeclaredTable#model}). */
  static ResourceTable declared(Kind kind, Table<?> model) {
    return new ResourceTable(kind, model);
  }

  static ResourceTable of(Schema schema, Kind kind) {
    return new ResourceTable(kind, table(schema, SqlNames.table(kind)));
  }

  static Table<?> table(Schema schema, String name) {
    Table<?> t = schema.getTable(name);
    if (t == null) {
      throw new IllegalStateException("generated schema " + schema.getName() + " has no table "
          + name + "; regenerate the jOOQ classes from the migrations");
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  static <T> Field<T> column(Table<?> table, String name, Class<T> type) {
    Field<?> f = table.field(name);
    if (f == null) {
      throw new IllegalStateException("generated table " + table.getName() + " has no column "
          + name + "; regenerate the jOOQ classes from the migrations");
    }
    if (!type.equals(f.getType())) {
      throw new IllegalStateException("generated column " + table.getName() + "." + name + " is "
          + f.getType().getName() + ", expected " + type.getName()
          + " (check the code generator's forced types)");
    }
    return (Field<T>) f;
  }
}
