package dev.agentstore.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CustomResource;
import dev.agentstore.CustomResourceRepository;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.ItemCollection;
import dev.agentstore.KindDefinition;
import dev.agentstore.ResourceType;

/**
 * The repository of a declared kind: {@link Repo}'s semantics plus the kind's collections.
 *
 * <p>Usage: {@code new CustomRepo<>(ResourceType.declared(kind, ObjectNode.class, ObjectNode.class), view)}
 *
 * @param <S> the spec type
 * @param <T> the status type
 */
final class CustomRepo<S, T> extends Repo<CustomResource<S, T>, S, T>
    implements CustomResourceRepository<S, T> {
  private final KindDefinition definition;

  CustomRepo(ResourceType<CustomResource<S, T>, S, T> type, View view) {
    super(type, view);
    this.definition = type.kind().definition().orElseThrow();
  }

  @Override
  public ItemCollection<ObjectNode> collection(String id, String name) {
    return collection(id, name, ObjectNode.class);
  }

  @Override
  public <I> ItemCollection<I> collection(String id, String name, Class<I> itemClass) {
    Ids.require(id, kind, "id");
    if (itemClass == null) {
      throw new InvalidArgumentException("itemClass", "required");
    }
    CollectionDefinition c = definition.collection(name).orElseThrow(() ->
        new InvalidArgumentException("collection", kind + " declares no collection '"
            + Messages.clip(String.valueOf(name)) + "' (declared: "
            + definition.collections().stream().map(CollectionDefinition::name).toList() + ")"));
    @SuppressWarnings("unchecked")
    ItemCollection<I> observed = (ItemCollection<I>) Observed.wrap(
        new CollectionRepo<>(this, c, id, itemClass), kind.kindName() + "." + c.name(),
        core.observer, ItemCollection.class);
    return observed;
  }
}
