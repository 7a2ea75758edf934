package dev.agentstore.spi;

import dev.agentstore.Kind;
import dev.agentstore.RefField;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One resource row as a backend stores it. The facade has already validated it, assigned id,
 * slug, version and timestamps, sealed its secrets and written its JSON; a backend persists these
 * values as they are and never parses the JSON.
 *
 * <p>Usage: {@code tx.insert(row);}
 *
 * @param kind the kind (selects the table)
 * @param id the resource id
 * @param org the owning org id (an Organization's own id for organizations)
 * @param slug unique per (org, kind)
 * @param name the human name
 * @param version the optimistic-concurrency version
 * @param labelsJson the labels as a JSON object of strings
 * @param metadataJson the rest of the metadata (annotations, tags, owner scope) as a JSON object
 * @param specJson the spec as a JSON object
 * @param statusJson the status as a JSON object, without the child collections
 * @param phase the execution phase, or null for kinds without one
 * @param refs the indexed reference columns of the kind
 * @param createdAt creation time (microsecond precision)
 * @param updatedAt last write time (microsecond precision)
 * @param createdBy the creating actor
 * @param updatedBy the last writing actor
 */
public record StoredResource(
    Kind kind,
    String id,
    String org,
    String slug,
    String name,
    long version,
    String labelsJson,
    String metadataJson,
    String specJson,
    String statusJson,
    String phase,
    Map<RefField, String> refs,
    Instant createdAt,
    Instant updatedAt,
    String createdBy,
    String updatedBy) {

  /** Copies the reference map. */
  public StoredResource {
    refs = refs == null || refs.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(refs));
  }

  /** A copy at a new version, written by {@code actor} at {@code at}. */
  public StoredResource touched(long newVersion, Instant at, String actor) {
    return new StoredResource(kind, id, org, slug, name, newVersion, labelsJson, metadataJson,
        specJson, statusJson, phase, refs, createdAt, at, createdBy, actor);
  }

  /** A copy with another status and phase. */
  public StoredResource withStatus(String newStatusJson, String newPhase) {
    return new StoredResource(kind, id, org, slug, name, version, labelsJson, metadataJson,
        specJson, newStatusJson, newPhase, refs, createdAt, updatedAt, createdBy, updatedBy);
  }
}
