package dev.agentstore.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The Hibernate baseline's history row: one per write, persisted explicitly in the write's
 * transaction, with a JSON snapshot.
 *
 * <p>Usage: {@code em.persist(new HHistory(id, version, "UPDATED", snapshot, now));}
 */
@Entity
@Table(name = "h_history")
public class HHistory {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long seq;
  @Column(name = "resource_id", nullable = false, length = 64)
  String resourceId;
  long version;
  @Column(nullable = false, length = 32)
  String event;
  @Column(nullable = false, length = 64)
  String actor;
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  Map<String, Object> snapshot;
  @Column(nullable = false)
  Instant at;

  /** For Hibernate. */
  protected HHistory() {}

  /** A history row of {@code resourceId} at {@code version}. */
  HHistory(String resourceId, long version, String event, Map<String, Object> snapshot,
      Instant at) {
    this.resourceId = resourceId;
    this.version = version;
    this.event = event;
    this.actor = "system";
    this.snapshot = snapshot;
    this.at = at;
  }
}
