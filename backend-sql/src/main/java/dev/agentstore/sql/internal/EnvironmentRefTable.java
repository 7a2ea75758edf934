package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The join table behind an instance kind's {@code spec.environmentRefs}: one row per referenced
 * environment, so the database checks each reference (RESTRICT towards the environment) and
 * drops the rows with their instance (CASCADE).
 *
 * <p>Usage: {@code EnvironmentRefTable t = EnvironmentRefTable.of(schema, Kind.AGENT_INSTANCE);}
 */
final class EnvironmentRefTable {
  final Table<?> table;
  final Field<String> org;
  final Field<String> instanceId;
  final Field<String> environmentId;

  private EnvironmentRefTable(Table<?> table) {
    this.table = table;
    this.org = ResourceTable.column(table, "org", String.class);
    this.instanceId = ResourceTable.column(table, "instance_id", String.class);
    this.environmentId = ResourceTable.column(table, "environment_id", String.class);
  }

  /** The join table of {@code kind}, or null when the kind lists no environments. */
  static EnvironmentRefTable of(Schema schema, Kind kind) {
    String name = SqlNames.environmentRefTable(kind);
    return name == null ? null : new EnvironmentRefTable(ResourceTable.table(schema, name));
  }
}
