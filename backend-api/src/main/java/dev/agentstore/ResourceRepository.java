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
   * Stores new resources together, each as {@link #create} would, in one transaction: all of
   * them or, on any error, none. For bulk loads: the rows, their items and their history entries
   * go to the database in multi-row statements. At most 1,000 per call; a larger load is split
   * by the caller (each call commits on its own). A bad element is reported with its index
   * ({@code resources[3].metadata.name: required}); two elements with the same slug in one org
   * are refused before anything is written. Returns the created resources in the given order,
   * e.g. {@code List<Agent> made = store.agents().createAll(List.of(first, second));}
   */
  java.util.List<R> createAll(java.util.List<R> resources);

  /**
   * Creates the resource, or updates the one with the same (org, slug), like {@code kubectl apply}.
   * When the metadata and spec it carries equal what is stored, nothing is written: the stored
   * resource is returned at its version, with no history entry and no change event. The status
   * is not touched by apply (a new resource is created with the one it carries).
   */
  R apply(R resource);
}
