package dev.agentstore.sql.internal;

import dev.agentstore.Kind;
import java.time.Instant;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The history table (api_resource_versions) and the settings table, as generated.
 *
 * <p>Usage: {@code HistoryTable h = HistoryTable.of(schema); ctx.selectFrom(h.table)}
 */
final class HistoryTable {
  final Table<?> table;
  final Field<Long> seq;
  final Field<String> id;
  final Field<String> kind;
  final Field<String> resourceId;
  final Field<String> org;
  final Field<Long> resourceVersion;
  final Field<String> event;
  final Field<String> snapshot;
  final Field<String> actor;
  final Field<String> message;
  final Field<Instant> createdAt;
  final Table<?> settings;
  final Field<String> settingName;
  final Field<String> settingValue;

  private HistoryTable(Schema schema) {
    this.table = ResourceTable.table(schema, SqlNames.table(Kind.API_RESOURCE_VERSION));
    this.seq = ResourceTable.column(table, "seq", Long.class);
    this.id = ResourceTable.column(table, "id", String.class);
    this.kind = ResourceTable.column(table, "kind", String.class);
    this.resourceId = ResourceTable.column(table, "resource_id", String.class);
    this.org = ResourceTable.column(table, "org", String.class);
    this.resourceVersion = ResourceTable.column(table, "resource_version", Long.class);
    this.event = ResourceTable.column(table, "event", String.class);
    this.snapshot = ResourceTable.column(table, "snapshot", String.class);
    this.actor = ResourceTable.column(table, "actor", String.class);
    this.message = ResourceTable.column(table, "message", String.class);
    this.createdAt = ResourceTable.column(table, "created_at", Instant.class);
    this.settings = ResourceTable.table(schema, "store_settings");
    this.settingName = ResourceTable.column(settings, "name", String.class);
    this.settingValue = ResourceTable.column(settings, "value", String.class);
  }

  static HistoryTable of(Schema schema) {
    return new HistoryTable(schema);
  }
}
