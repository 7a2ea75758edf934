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
  private final HistoryTable history;

  /** Resolves and checks every table and column. */
  public SqlSchema(Schema schema) {
    for (Kind k : Kind.resourceKinds()) {
      resources.put(k, ResourceTable.of(schema, k));
      if (k.isExecution()) {
        items.put(k, ItemTable.of(schema, k));
      }
    }
    this.history = HistoryTable.of(schema);
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

  HistoryTable history() {
    return history;
  }
}
