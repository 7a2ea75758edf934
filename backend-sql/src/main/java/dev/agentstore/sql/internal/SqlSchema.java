package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Schema;

/**
 * Every table agentstore uses, resolved once from the generated schema when a backend opens.
 *
 * <p>Usage: {@code SqlSchema s = new SqlSchema(dialect.schema()); s.resource(Kind.AGENT)}
 */
public final class SqlSchema {
  private final Map<Kind, ResourceTable> resources = new java.util.concurrent.ConcurrentHashMap<>();
  /** Declared kinds by qualified name (see {@link #declare}). */
  private final Map<String, Kind> declared = new java.util.concurrent.ConcurrentHashMap<>();
  /** Declared collections' tables, by kind name and collection name. */
  private final Map<String, CollectionTable> collections =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Schema generated;
  private final Map<Kind, ItemTable> items = new LinkedHashMap<>();
  private final Map<Kind, EnvironmentRefTable> environmentRefs = new LinkedHashMap<>();
  private final HistoryTable history;
  private final LeaseTable leases;

  /** Resolves and checks every table and column. */
  public SqlSchema(Schema schema) {
    this.generated = schema;
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

  /** The generated schema (the declared kinds' tables take their column types from it). */
  Schema generated() {
    return generated;
  }

  /** Serves a declared kind, whose table exists, from now on. */
  public void declare(dev.agentstore.KindDefinition definition) {
    Kind k = definition.kind();
    resources.put(k, ResourceTable.declared(k, new DeclaredTable(definition, generated).model()));
    for (dev.agentstore.CollectionDefinition c : definition.collections()) {
      collections.put(k.name() + "/" + c.name(), new CollectionTable(definition, c, generated));
    }
    declared.put(k.name(), k);
  }

  /** The table of a declared kind's collection. */
  CollectionTable collection(Kind kind, String collection) {
    CollectionTable t = collections.get(kind.name() + "/" + collection);
    if (t == null) {
      throw new IllegalArgumentException(kind + " has no collection " + collection);
    }
    return t;
  }

  /** The kind a history row names: a built-in one, or a declared one served here; else null. */
  Kind kindNamed(String name) {
    Kind k = declared.get(name);
    if (k != null) {
      return k;
    }
    return Kind.values().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
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
