package dev.agentstore.bench;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The Hibernate baseline's execution entity (issue 17): {@code @Version} for optimistic locking,
 * spec and status as JSON columns (JSONB on PostgreSQL), the messages and tool calls as ordered
 * element collections in {@code h_message} and {@code h_tool_call}.
 *
 * <p>Usage: {@code em.persist(new HExecution(id, org, name, spec, status, messages, now));}
 */
@Entity
// The unique (org, name) key apply looks up is created by HibernateImpl: Hibernate's schema
// update leaves unique keys out on SQLite.
@Table(name = "h_execution", indexes = @Index(name = "h_execution_page",
    columnList = "org, phase, created_at DESC, id DESC"))
public class HExecution {
  @Id
  @Column(length = 64)
  String id;
  @Column(nullable = false, length = 64)
  String org;
  @Column(nullable = false, length = 200)
  String name;
  @Column(nullable = false, length = 16)
  String phase;
  @Version
  long version;
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  Map<String, Object> spec;
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  Map<String, Object> status;
  @Column(name = "created_at", nullable = false)
  Instant createdAt;
  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;
  @ElementCollection
  @CollectionTable(name = "h_message", joinColumns = @JoinColumn(name = "execution_id"))
  @OrderColumn(name = "seq")
  List<HMessage> messages = new ArrayList<>();
  @ElementCollection
  @CollectionTable(name = "h_tool_call", joinColumns = @JoinColumn(name = "execution_id"))
  @OrderColumn(name = "seq")
  List<HToolCall> toolCalls = new ArrayList<>();

  /** For Hibernate. */
  protected HExecution() {}

  /** A new execution. */
  HExecution(String id, String org, String name, Map<String, Object> spec,
      Map<String, Object> status, List<HMessage> messages, Instant now) {
    this.id = id;
    this.org = org;
    this.name = name;
    this.phase = (String) status.get("phase");
    this.spec = spec;
    this.status = status;
    this.messages.addAll(messages);
    this.createdAt = now;
    this.updatedAt = now;
  }
}
