package dev.agentstore.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstore.Kind;
import java.time.Instant;

/**
 * One entry of the version history (a row of api_resource_versions): what changed, who changed
 * it, and the snapshot written (secrets still sealed; for appends only the appended items).
 *
 * <p>Usage: {@code for (ResourceVersion v : store.history().list(agentId)) print(v.event());}
 *
 * @param sequence the store-wide, increasing sequence number
 * @param id the history row id ({@code ver-...})
 * @param kind the kind of the changed resource
 * @param resourceId the changed resource
 * @param org the org of the changed resource
 * @param resourceVersion the resource version this change produced
 * @param event what happened
 * @param snapshot the resource as written, or the appended items
 * @param actor who made the change
 * @param message an optional note
 * @param createdAt when
 */
public record ResourceVersion(
    long sequence,
    String id,
    Kind kind,
    String resourceId,
    String org,
    long resourceVersion,
    ChangeEvent event,
    JsonNode snapshot,
    String actor,
    String message,
    Instant createdAt) {}
