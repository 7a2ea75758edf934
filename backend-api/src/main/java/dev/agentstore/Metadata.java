package dev.agentstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata every resource carries. The store assigns {@code id}, {@code version}, the
 * timestamps and the actors; callers set the name (and optionally slug, labels, annotations, tags).
 * {@code version} is the optimistic-concurrency token: an update must carry the version it read.
 *
 * <p>Usage: {@code Metadata m = Metadata.builder().org(orgId).name("Support Bot").label("env", "prod").build();}
 *
 * <p>The canonical constructor is for the codec; use {@link #builder()}, {@link #of} or the
 * {@code withX} methods.
 *
 * @param id the resource id ({@code <prefix>-<ulid>}), assigned on create (a value set by the
 *     caller is ignored there)
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
 * @param expiresAt when the resource may be deleted by {@code store.maintenance().run()}, or null
 *     for never (set by callers; stored to the microsecond; a resource past it stays readable
 *     until a maintenance run deletes it)
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
    String updatedBy,
    Instant expiresAt) {

  /** Normalises absent collections to empty, immutable ones. */
  public Metadata {
    labels = frozen(labels, "metadata.labels");
    annotations = frozen(annotations, "metadata.annotations");
    tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
  }

  private static Map<String, String> frozen(Map<String, String> m, String field) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : m.entrySet()) {
      put(copy, e.getKey(), e.getValue(), field);
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Puts one entry; a null key is an {@link InvalidArgumentException}, not a bare NPE. */
  private static void put(Map<String, String> map, String key, String value, String field) {
    if (key == null) {
      throw new InvalidArgumentException(field, "keys must not be null");
    }
    map.put(key, value);
  }

  /** Metadata for a new resource named {@code name} in {@code org}; the slug is derived from the name. */
  public static Metadata of(String org, String name) {
    return new Metadata(
        null, name, null, org, OwnerScope.ORGANIZATION, null, null, null, 0, null, null, null, null,
        null);
  }

  /** A copy with the given slug. */
  public Metadata withSlug(String newSlug) {
    return new Metadata(id, name, newSlug, org, ownerScope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /** A copy with the given name. */
  public Metadata withName(String newName) {
    return new Metadata(id, newName, slug, org, ownerScope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /** A copy with the given labels (replacing all). */
  public Metadata withLabels(Map<String, String> newLabels) {
    return new Metadata(id, name, slug, org, ownerScope, newLabels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /** A copy with one label added or replaced. */
  public Metadata withLabel(String key, String value) {
    Map<String, String> copy = new TreeMap<>(labels);
    put(copy, key, value, "metadata.labels");
    return withLabels(copy);
  }

  /** A copy with the given annotations (replacing all). */
  public Metadata withAnnotations(Map<String, String> newAnnotations) {
    return new Metadata(id, name, slug, org, ownerScope, labels, newAnnotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /** A copy with the given tags (replacing all). */
  public Metadata withTags(List<String> newTags) {
    return new Metadata(id, name, slug, org, ownerScope, labels, annotations, newTags, version,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /** A copy with the given owner scope. */
  public Metadata withOwnerScope(OwnerScope scope) {
    return new Metadata(id, name, slug, org, scope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /**
   * A copy that expires at {@code t} (null: never). Usage:
   * {@code store.sessions().update(s.withMetadata(s.metadata().withExpiresAt(Instant.now().plus(Duration.ofDays(1)))))}
   */
  public Metadata withExpiresAt(Instant t) {
    return new Metadata(id, name, slug, org, ownerScope, labels, annotations, tags, version,
        createdAt, updatedAt, createdBy, updatedBy, t);
  }

  /** A copy carrying {@code v} as the version to write against. */
  public Metadata withVersion(long v) {
    return new Metadata(id, name, slug, org, ownerScope, labels, annotations, tags, v,
        createdAt, updatedAt, createdBy, updatedBy, expiresAt);
  }

  /** A copy with store-assigned identity and audit fields; used by the store, not callers. */
  public Metadata assigned(String newId, String newSlug, String newOrg, long v, Instant created,
      Instant updated, String creator, String updater) {
    return new Metadata(newId, name, newSlug, newOrg, ownerScope == null ? OwnerScope.ORGANIZATION
        : ownerScope, labels, annotations, tags, v, created, updated, creator, updater, expiresAt);
  }

  /** A builder for new metadata (owner scope ORGANIZATION unless set). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this metadata. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds {@link Metadata}; callers set the name, org and the optional fields, the store assigns
   * the rest. Maps and lists are copied, so later changes to the caller's collections do not
   * reach the built value.
   */
  public static final class Builder {
    private String id;
    private String name;
    private String slug;
    private String org;
    private OwnerScope ownerScope = OwnerScope.ORGANIZATION;
    private final Map<String, String> labels = new TreeMap<>();
    private final Map<String, String> annotations = new TreeMap<>();
    private final List<String> tags = new ArrayList<>();
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private String createdBy;
    private String updatedBy;
    private Instant expiresAt;

    private Builder() {}

    private Builder(Metadata m) {
      id = m.id;
      name = m.name;
      slug = m.slug;
      org = m.org;
      ownerScope = m.ownerScope;
      labels.putAll(m.labels);
      annotations.putAll(m.annotations);
      tags.addAll(m.tags);
      version = m.version;
      createdAt = m.createdAt;
      updatedAt = m.updatedAt;
      createdBy = m.createdBy;
      updatedBy = m.updatedBy;
      expiresAt = m.expiresAt;
    }

    /** Sets the id (for update and delete; create ignores it and assigns a new one). */
    public Builder id(String value) {
      id = value;
      return this;
    }

    /** Sets the human name. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** Sets the slug (derived from the name when absent). */
    public Builder slug(String value) {
      slug = value;
      return this;
    }

    /** Sets the owning organization's id. */
    public Builder org(String value) {
      org = value;
      return this;
    }

    /** Sets who owns the resource. */
    public Builder ownerScope(OwnerScope value) {
      ownerScope = value;
      return this;
    }

    /** Adds or replaces one label. */
    public Builder label(String key, String value) {
      put(labels, key, value, "metadata.labels");
      return this;
    }

    /** Replaces all labels (null clears them). */
    public Builder labels(Map<String, String> value) {
      Map<String, String> checked = frozen(value, "metadata.labels");
      labels.clear();
      labels.putAll(checked);
      return this;
    }

    /** Adds or replaces one annotation. */
    public Builder annotation(String key, String value) {
      put(annotations, key, value, "metadata.annotations");
      return this;
    }

    /** Replaces all annotations (null clears them). */
    public Builder annotations(Map<String, String> value) {
      Map<String, String> checked = frozen(value, "metadata.annotations");
      annotations.clear();
      annotations.putAll(checked);
      return this;
    }

    /** Adds one tag. */
    public Builder tag(String value) {
      tags.add(value);
      return this;
    }

    /** Replaces all tags (null clears them). */
    public Builder tags(List<String> value) {
      tags.clear();
      if (value != null) {
        tags.addAll(value);
      }
      return this;
    }

    /** Sets the version an update is written against. */
    public Builder version(long value) {
      version = value;
      return this;
    }

    /** Sets the creation time (the store assigns it). */
    public Builder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    /** Sets the last write time (the store assigns it). */
    public Builder updatedAt(Instant value) {
      updatedAt = value;
      return this;
    }

    /** Sets the creating actor (the store assigns it). */
    public Builder createdBy(String value) {
      createdBy = value;
      return this;
    }

    /** Sets the last writing actor (the store assigns it). */
    public Builder updatedBy(String value) {
      updatedBy = value;
      return this;
    }

    /**
     * Sets when the resource expires: the first {@code store.maintenance().run()} at or after it
     * deletes the resource (null: never). Usage:
     * {@code Metadata.builder().org(orgId).name("scratch").expiresAt(Instant.now().plus(Duration.ofHours(1))).build()}
     */
    public Builder expiresAt(Instant value) {
      expiresAt = value;
      return this;
    }

    /** The metadata. */
    public Metadata build() {
      return new Metadata(id, name, slug, org, ownerScope, labels, annotations, tags, version,
          createdAt, updatedAt, createdBy, updatedBy, expiresAt);
    }
  }
}
