package dev.agentstore;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata every resource carries. The store assigns {@code id}, {@code version}, the
 * timestamps and the actors; callers set the name (and optionally slug, labels, annotations, tags).
 * {@code version} is the optimistic-concurrency token: an update must carry the version it read.
 *
 * <p>Usage: {@code Metadata m = Metadata.of(orgId, "Support Bot").withLabel("env", "prod");}
 *
 * @param id the resource id ({@code <prefix>-<ulid>}), assigned on create
 * @param name the human name
 * @param slug unique per (org, kind); derived from the name when absent
 * @param org the owning organization's id (for an Organization, its own id)
 * @param ownerScope who owns the resource
 * @param labels selector-addressable key/value pairs (Kubernetes rules)
 * @param annotations free-form key/value pairs
 * @param tags free-form tags
 * @param version starts at 1, +1 on every write
 * @param createdAt when the resource was created
 * @param updatedAt when it was last written
 * @param createdBy the actor that created it
 * @param updatedBy the actor that last wrote it
 */
public record Metadata(
    String id,
    String name,
    String slug,
    String org,
    OwnerScope ownerScope,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> tags,
    long version,
    Instant createdAt,
    Instant updatedAt,
    String createdBy,
    String updatedBy) {

  /** Normalises absent collections to empty, immutable ones. */
  public Metadata {
    labels = frozen(labels);
    annotations = frozen(annotations);
    tags = tags == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(tags));
  }

  private static Map<String, String> frozen(Map<String, String> m) {
    return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
  }

  /** Metadata for a new resource named {@code name} in {@code org}; the slug is derived from the name. */
  public static Metadata of(String org, String name) {
    return new Metadata(
        null, name, null, org, OwnerScope.ORGANIZATION, null, null, null, 0, null, null, null, null);
  }

  /** A copy with the given slug. */
  public Metadata withSlug(String newSlug) {
    return new Metadata(id, name, newSlug, org, ownerScope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy with the given name. */
  public Metadata withName(String newName) {
    return new Metadata(id, newName, slug, org, ownerScope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy with the given labels (replacing all). */
  public Metadata withLabels(Map<String, String> newLabels) {
    return new Metadata(id, name, slug, org, ownerScope, newLabels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy with one label added or replaced. */
  public Metadata withLabel(String key, String value) {
    Map<String, String> copy = new TreeMap<>(labels);
    copy.put(key, value);
    return withLabels(copy);
  }

  /** A copy with the given annotations (replacing all). */
  public Metadata withAnnotations(Map<String, String> newAnnotations) {
    return new Metadata(id, name, slug, org, ownerScope, labels, newAnnotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy with the given tags (replacing all). */
  public Metadata withTags(List<String> newTags) {
    return new Metadata(id, name, slug, org, ownerScope, labels, annotations, newTags, version,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy with the given owner scope. */
  public Metadata withOwnerScope(OwnerScope scope) {
    return new Metadata(id, name, slug, org, scope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy carrying {@code v} as the version to write against. */
  public Metadata withVersion(long v) {
    return new Metadata(id, name, slug, org, ownerScope, labels, annotations, tags, v,
        createdAt, updatedAt, createdBy, updatedBy);
  }

  /** A copy with store-assigned identity and audit fields; used by the store, not callers. */
  public Metadata assigned(String newId, String newSlug, String newOrg, long v, Instant created,
      Instant updated, String creator, String updater) {
    return new Metadata(newId, name, newSlug, newOrg, ownerScope == null ? OwnerScope.ORGANIZATION
        : ownerScope, labels, annotations, tags, v, created, updated, creator, updater);
  }
}
