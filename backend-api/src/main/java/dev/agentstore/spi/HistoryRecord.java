package dev.agentstore.spi;

import dev.agentstore.Kind;
import dev.agentstore.history.ChangeEvent;
import java.time.Instant;

/**
 * One row of the history table (api_resource_versions) as a backend stores it.
 *
 * <p>Usage: {@code long seq = tx.appendHistory(record);}
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
    Instant createdAt) {}
