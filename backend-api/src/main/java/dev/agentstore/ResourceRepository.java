package dev.agentstore;

/**
 * Create, read, update, delete and query one kind of resource. Every write is checked, versioned,
 * recorded in the history, and either happens whole or not at all.
 *
 * <p>Usage: {@code Agent a = store.agents().create(Agent.builder().org(org).name("Bot").instructions("Be brief.").build());}
 *
 * @param <R> the resource type
 */
public interface ResourceRepository<R extends Resource<?, ?>> extends UpdatableRepository<R> {

  /**
   * Stores a new resource: assigns id, slug (derived from the name when absent), version 1,
   * timestamps and actor. A duplicate slug in the org raises {@link AlreadyExistsException}.
   * The id is always a new one: a {@code metadata.id} the caller set is ignored, like the
   * version, timestamps and actors (so creating a copy of a resource read earlier stores a new
   * resource), and whether that id exists, in this org or another, never changes the outcome.
   * Read the assigned id from the returned resource.
   */
  R create(R resource);

  /**
   * Creates the resource, or updates the one with the same (org, slug), like {@code kubectl apply}.
   * When the metadata and spec it carries equal what is stored, nothing is written: the stored
   * resource is returned at its version, with no history entry and no change event. The status
   * is not touched by apply (a new resource is created with the one it carries).
   */
  R apply(R resource);
}
