package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import java.util.EnumMap;
import java.util.Map;
import org.jooq.Schema;

/**
 * Every table agentstore uses, resolved once from the generated schema when a backend opens.
 *
 * <p>Usage: {@code SqlSchema s = new SqlSchema(dialect.schema()); s.resource(Kind.AGENT)}
 */
public final class SqlSchema {
  private final Map<Kind, ResourceTable> resources = new EnumMap<>(Kind.class);
  private final Map<Kind, ItemTable> items = new EnumMap<>(Kind.class);
  private final Map<Kind, EnvironmentRefTable> environmentRefs = new EnumMap<>(Kind.class);
  private final HistoryTable history;
  private final LeaseTable leases;

  /** Resolves and checks every table and column. */
  public SqlSchema(Schema schema) {
    for (Kind k : Kind.resourceKinds()) {
      resources.put(k, ResourceTable.of(schema, k));
      if (k.isExecution()) {
        items.put(k, ItemTable.of(schema, k));
      }
      EnvironmentRefTable refs = EnvironmentRefTable.of(schema, k);
      if (refs != null) {
        environmentRefs.put(k, refs);
      }
    }
    this.history = HistoryTable.of(schema);
    this.leases = LeaseTable.of(schema);
  }

  ResourceTable resource(Kind kind) {
    ResourceTable t = resources.get(kind);
    if (t == null) {
      throw new IllegalArgumentException(kind + " has no table");
    }
    return t;
  }

  ItemTable items(Kind kind) {
    ItemTable t = items.get(kind);
    if (t == null) {
      throw new IllegalArgumentException(kind + " has no items");
    }
    return t;
  }

  /** The join table of an instance kind's environmentRefs, or null for other kinds. */
  EnvironmentRefTable environmentRefs(Kind kind) {
    return environmentRefs.get(kind);
  }

  HistoryTable history() {
    return history;
  }

  LeaseTable leases() {
    return leases;
  }
}
