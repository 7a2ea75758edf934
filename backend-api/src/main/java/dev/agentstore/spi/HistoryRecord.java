package dev.agentstore.spi;

import dev.agentstore.Kind;
import dev.agentstore.history.ChangeEvent;
import java.time.Instant;

/**
 * One row of the history table (api_resource_versions) as a backend stores it.
 *
 * <p>Build records with {@link #builder()}: a new column then adds a builder method instead of
 * breaking every backend and caller of the positional constructor.
 *
 * <p>Usage: {@code tx.appendHistory(HistoryRecord.builder().id(verId).kind(kind)...build());}
 *
 * @param sequence the store-wide sequence number; 0 when not yet assigned (on append)
 * @param id the history row id ({@code ver-...})
 * @param kind the kind of the changed resource
 * @param resourceId the changed resource
 * @param org the org of the changed resource
 * @param resourceVersion the resource version this change produced
 * @param event what happened
 * @param snapshotJson the full resource (or, for appends, only the appended items); secrets sealed
 * @param actor who made the change
 * @param message an optional note
 * @param createdAt when
 */
public record HistoryRecord(
    long sequence,
    String id,
    Kind kind,
    String resourceId,
    String org,
    long resourceVersion,
    ChangeEvent event,
    String snapshotJson,
    String actor,
    String message,
    Instant createdAt) {

  /** An empty builder (sequence 0: assigned by the backend on append). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link HistoryRecord}; one setter per column, named like the record's accessor.
   *
   * <p>Usage: {@code HistoryRecord.builder().id(id).kind(k).resourceId(r).event(e).build()}
   */
  public static final class Builder {
    private long sequence;
    private String id;
    private Kind kind;
    private String resourceId;
    private String org;
    private long resourceVersion;
    private ChangeEvent event;
    private String snapshotJson;
    private String actor;
    private String message;
    private Instant createdAt;

    private Builder() {}

    /** The store-wide sequence (only backends reading rows set it). */
    public Builder sequence(long value) {
      this.sequence = value;
      return this;
    }

    /** The history row id. */
    public Builder id(String value) {
      this.id = value;
      return this;
    }

    /** The kind of the changed resource. */
    public Builder kind(Kind value) {
      this.kind = value;
      return this;
    }

    /** The changed resource. */
    public Builder resourceId(String value) {
      this.resourceId = value;
      return this;
    }

    /** The org of the changed resource. */
    public Builder org(String value) {
      this.org = value;
      return this;
    }

    /** The resource version this change produced. */
    public Builder resourceVersion(long value) {
      this.resourceVersion = value;
      return this;
    }

    /** What happened. */
    public Builder event(ChangeEvent value) {
      this.event = value;
      return this;
    }

    /** The snapshot JSON. */
    public Builder snapshotJson(String value) {
      this.snapshotJson = value;
      return this;
    }

    /** Who made the change. */
    public Builder actor(String value) {
      this.actor = value;
      return this;
    }

    /** An optional note. */
    public Builder message(String value) {
      this.message = value;
      return this;
    }

    /** When. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** The record. */
    public HistoryRecord build() {
      return new HistoryRecord(sequence, id, kind, resourceId, org, resourceVersion, event,
          snapshotJson, actor, message, createdAt);
    }
  }
}
