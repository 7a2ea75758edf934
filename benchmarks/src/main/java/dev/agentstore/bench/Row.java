package dev.agentstore.bench;

import java.time.Instant;
import java.util.List;

/**
 * One resource row as the library stores it: the envelope columns, the JSON documents as text,
 * and the table's extra indexed columns (for executions: phase, session_id, agent_id).
 *
 * <p>Usage: {@code Row clone = template.withIdentity(Ids.next(Kind.AGENT), "agent-7", now);}
 *
 * @param id the resource id
 * @param org the owning org
 * @param slug the slug
 * @param name the name
 * @param version the version
 * @param labels labels JSON
 * @param metadata metadata JSON (ownerScope, annotations, tags)
 * @param spec spec JSON
 * @param status status JSON
 * @param extras values of {@link RawTable#extras()}, in that order
 * @param createdAt creation time
 * @param updatedAt last write time
 * @param createdBy creator
 * @param updatedBy last writer
 */
record Row(String id, String org, String slug, String name, long version, String labels,
    String metadata, String spec, String status, List<String> extras, Instant createdAt,
    Instant updatedAt, String createdBy, String updatedBy) {

  /** A copy with a new id, slug and name (= slug), version 1 and both timestamps {@code at}. */
  Row withIdentity(String newId, String newSlug, Instant at) {
    return new Row(newId, org, newSlug, newSlug, 1, labels, metadata, spec, status, extras, at, at,
        createdBy, updatedBy);
  }

  /** The next version of this row with {@code newSpec} and {@code newStatus}, written then. */
  Row next(String newSpec, String newStatus, Instant at, String actor) {
    return new Row(id, org, slug, name, version + 1, labels, metadata, newSpec, newStatus, extras,
        createdAt, at, createdBy, actor);
  }

  /** A copy with other JSON documents and extra columns (for seeding varied rows). */
  Row withDocuments(String newStatus, List<String> newExtras) {
    return new Row(id, org, slug, name, version, labels, metadata, spec, newStatus, newExtras,
        createdAt, updatedAt, createdBy, updatedBy);
  }
}
