package dev.agentstore.spi;

import dev.agentstore.Kind;
import dev.agentstore.RefField;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One resource row as a backend stores it. The facade has already validated it, assigned id,
 * slug, version and timestamps, sealed its secrets and written its JSON; a backend persists these
 * values as they are and never parses the JSON.
 *
 * <p>Build rows with {@link #builder(Kind, String)} or {@link #toBuilder()}, never the positional constructor:
 * a new column then adds a builder method instead of breaking every backend and caller.
 *
 * <p>Usage: {@code tx.insert(StoredResource.builder(Kind.AGENT, id).org(org).slug("a")...build());}
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
 * @param environmentRefs the environment ids an AgentInstance or WorkflowInstance references
 *     ({@code spec.environmentRefs}, each once, in order); a backend keeps one checked reference
 *     per id in step with every insert and update that carries the list. Null (rows read back
 *     from a backend, and kinds without the field) means "unchanged": an update leaves the
 *     stored references as they are
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
    String updatedBy,
    List<String> environmentRefs) {

  /** Copies the reference map and list. */
  public StoredResource {
    refs = refs == null || refs.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(refs));
    environmentRefs = environmentRefs == null ? null : List.copyOf(environmentRefs);
  }

  /** A builder for a row of {@code kind} with this {@code id}; unset columns are null (0 for the version). */
  public static Builder builder(Kind kind, String id) {
    return new Builder().kind(kind).id(id);
  }

  /** A builder holding every column of this row, to copy it with some columns changed. */
  public Builder toBuilder() {
    return new Builder().kind(kind).id(id).org(org).slug(slug).name(name).version(version)
        .labelsJson(labelsJson).metadataJson(metadataJson).specJson(specJson)
        .statusJson(statusJson).phase(phase).refs(refs).createdAt(createdAt).updatedAt(updatedAt)
        .createdBy(createdBy).updatedBy(updatedBy).environmentRefs(environmentRefs);
  }

  /** A copy at a new version, written by {@code actor} at {@code at}. */
  public StoredResource touched(long newVersion, Instant at, String actor) {
    return toBuilder().version(newVersion).updatedAt(at).updatedBy(actor).build();
  }

  /** A copy with another status and phase. */
  public StoredResource withStatus(String newStatusJson, String newPhase) {
    return toBuilder().statusJson(newStatusJson).phase(newPhase).build();
  }

  /**
   * Builds a {@link StoredResource}; one setter per column, named like the record's accessor.
   *
   * <p>Usage: {@code row.toBuilder().version(row.version() + 1).specJson(spec).build()}
   */
  public static final class Builder {
    private Kind kind;
    private String id;
    private String org;
    private String slug;
    private String name;
    private long version;
    private String labelsJson;
    private String metadataJson;
    private String specJson;
    private String statusJson;
    private String phase;
    private Map<RefField, String> refs = Map.of();
    private List<String> environmentRefs;
    private Instant createdAt;
    private Instant updatedAt;
    private String createdBy;
    private String updatedBy;

    private Builder() {}

    /** The kind. */
    public Builder kind(Kind value) {
      this.kind = value;
      return this;
    }

    /** The resource id. */
    public Builder id(String value) {
      this.id = value;
      return this;
    }

    /** The owning org id. */
    public Builder org(String value) {
      this.org = value;
      return this;
    }

    /** The slug. */
    public Builder slug(String value) {
      this.slug = value;
      return this;
    }

    /** The human name. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** The optimistic-concurrency version. */
    public Builder version(long value) {
      this.version = value;
      return this;
    }

    /** The labels as JSON. */
    public Builder labelsJson(String value) {
      this.labelsJson = value;
      return this;
    }

    /** The rest of the metadata as JSON. */
    public Builder metadataJson(String value) {
      this.metadataJson = value;
      return this;
    }

    /** The spec as JSON. */
    public Builder specJson(String value) {
      this.specJson = value;
      return this;
    }

    /** The status as JSON, without the child collections. */
    public Builder statusJson(String value) {
      this.statusJson = value;
      return this;
    }

    /** The execution phase, or null. */
    public Builder phase(String value) {
      this.phase = value;
      return this;
    }

    /** The indexed reference columns (copied on build). */
    public Builder refs(Map<RefField, String> value) {
      this.refs = value;
      return this;
    }

    /** Creation time. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** Last write time. */
    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    /** The creating actor. */
    public Builder createdBy(String value) {
      this.createdBy = value;
      return this;
    }

    /** The last writing actor. */
    public Builder updatedBy(String value) {
      this.updatedBy = value;
      return this;
    }

    /**
     * The environment ids of an instance's {@code spec.environmentRefs}, or null for "unchanged"
     * (see {@link StoredResource#environmentRefs()}).
     */
    public Builder environmentRefs(List<String> value) {
      this.environmentRefs = value;
      return this;
    }

    /** The row. */
    public StoredResource build() {
      return new StoredResource(kind, id, org, slug, name, version, labelsJson, metadataJson,
          specJson, statusJson, phase, refs, createdAt, updatedAt, createdBy, updatedBy,
          environmentRefs);
    }
  }
}
