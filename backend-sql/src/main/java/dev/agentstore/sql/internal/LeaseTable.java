package dev.agentstore.sql.internal;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;

/**
 * The lease table (resource_leases, migration V5), as generated: one row per claimed resource.
 *
 * <p>Usage: {@code LeaseTable l = LeaseTable.of(schema); ctx.selectFrom(l.table)}
 */
final class LeaseTable {
  final Table<?> table;
  final Field<String> resourceId;
  final Field<String> kind;
  final Field<String> org;
  final Field<String> owner;
  final Field<Instant> claimedAt;
  final Field<Instant> expiresAt;

  private LeaseTable(Schema schema) {
    this.table = ResourceTable.table(schema, "resource_leases");
    this.resourceId = ResourceTable.column(table, "resource_id", String.class);
    this.kind = ResourceTable.column(table, "kind", String.class);
    this.org = ResourceTable.column(table, "org", String.class);
    this.owner = ResourceTable.column(table, "owner", String.class);
    this.claimedAt = ResourceTable.column(table, "claimed_at", Instant.class);
    this.expiresAt = ResourceTable.column(table, "expires_at", Instant.class);
  }

  static LeaseTable of(Schema schema) {
    return new LeaseTable(schema);
  }
}
