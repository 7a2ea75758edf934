package dev.agentstore;

import java.util.Optional;

/**
 * Create, read, update, delete and query one kind of resource. Every write is checked, versioned,
 * recorded in the history, and either happens whole or not at all.
 *
 * <p>Usage: {@code Agent a = store.agents().create(new Agent(Metadata.of(org, "Bot"), spec, null));}
 *
 * @param <R> the resource type
 */
public interface ResourceRepository<R extends Resource<?, ?>> {

  /** The kind this repository stores. */
  Kind kind();

  /**
   * Stores a new resource: assigns id, slug (derived from the name when absent), version 1,
   * timestamps and actor. A duplicate slug in the org raises {@link AlreadyExistsException}.
   */
  R create(R resource);

  /** The resource with this id, if it exists and is visible from this view. */
  Optional<R> get(String id);

  /** The resource with this slug in this org. */
  Optional<R> getBySlug(String org, String slug);

  /**
   * Replaces metadata (name, slug, labels, annotations, tags) and spec if
   * {@code resource.metadata().version()} is the stored version; otherwise raises
   * {@link ConflictException} and changes nothing. The status is left as stored (use
   * {@link #updateStatus}).
   */
  R update(R resource);

  /** Replaces the status if the stored version is {@code expectedVersion}. */
  R updateStatus(String id, long expectedVersion, Object status);

  /** Creates the resource, or updates the one with the same (org, slug), like {@code kubectl apply}. */
  R apply(R resource);

  /** Deletes the resource; returns whether something was deleted. */
  boolean delete(String id);

  /** Deletes the resource only at {@code expectedVersion} (else {@link ConflictException}). */
  boolean delete(String id, long expectedVersion);

  /** One page of resources matching the query. */
  Page<R> list(Query query);

  /** How many resources match the query's filters. */
  long count(Query query);
}
