package dev.agentstore;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The repository of a declared kind: the operations of every kind, plus the keyed, append-only
 * collections its definition declares ({@link CollectionDefinition}).
 *
 * <p>Usage: {@code store.resources(session).collection(sessionId, "events").append("evt-1", item)}
 *
 * @param <S> the spec type
 * @param <T> the status type
 */
public interface CustomResourceRepository<S, T> extends ResourceRepository<CustomResource<S, T>> {

  /**
   * The items of the collection {@code name} under the resource {@code id}, as JSON objects.
   * Refuses a collection the kind does not declare ({@link InvalidArgumentException}); the
   * resource itself is looked up by each call.
   */
  ItemCollection<ObjectNode> collection(String id, String name);

  /** The same, with items read and written as {@code itemClass} (through Jackson). */
  <I> ItemCollection<I> collection(String id, String name, Class<I> itemClass);
}
