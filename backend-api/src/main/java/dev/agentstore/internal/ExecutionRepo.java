package dev.agentstore.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.CollectionItem;
import dev.agentstore.ExecutionRepository;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Resource;
import dev.agentstore.ResourceType;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredResource;
import dev.agentstore.spi.StoredResourceHead;
import dev.agentstore.spi.StoredResourceWithItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The execution semantics shared by agent and workflow executions: the phase state machine and
 * appends whose cost does not depend on the history already stored (child rows plus a version
 * bump of the parent row; the parent's JSON is never rewritten).
 *
 * <p>Usage: {@code repo.transition(id, ExecutionPhase.COMPLETED)}
 *
 * @param <R> the execution type
 * @param <S> its spec type
 * @param <T> its status type
 */
class ExecutionRepo<R extends Resource<S, T>, S, T> extends Repo<R, S, T>
    implements ExecutionRepository<R> {

  ExecutionRepo(ResourceType<R, S, T> type, View view) {
    super(type, view);
  }

  @Override
  public R transition(String id, ExecutionPhase phase) {
    Ids.require(id, kind, "id");
    if (phase == null) {
      throw new InvalidArgumentException("phase: required");
    }
    return retryingRaces(() -> view.runner().write(tx -> {
      StoredResourceWithItems found = requireWithItems(tx, id);
      StoredResource cur = found.row();
      ExecutionPhase from = ResourceCodec.phase(cur.phase());
      if (!from.canMoveTo(phase)) {
        throw illegalMove(id, from, phase);
      }
      ObjectNode status = (ObjectNode) Json.parseTrusted(cur.statusJson());
      status.put("phase", phase.name());
      String now = core.now().toString();
      if (phase == ExecutionPhase.IN_PROGRESS && !status.hasNonNull("startedAt")) {
        status.put("startedAt", now);
      }
      if (phase.isTerminal() && !status.hasNonNull("completedAt")) {
        status.put("completedAt", now);
      }
      return writeStatus(tx, cur, status, found.items());
    }));
  }

  @Override
  public Optional<ExecutionPhase> phase(String id) {
    Ids.require(id, kind, "id");
    return view.runner().read(tx -> find(tx, id).map(r -> ResourceCodec.phase(r.phase())));
  }

  /** Appends items to a collection; returns the new resource version. */
  long append(String id, String collection, List<?> elements) {
    Ids.require(id, kind, "id");
    if (elements == null || elements.isEmpty()) {
      throw new InvalidArgumentException(collection + ": at least one element is required");
    }
    List<StoredItem> items = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      Object el = elements.get(i);
      if (el == null) {
        throw new InvalidArgumentException(collection + "[" + i + "]: must not be null");
      }
      items.add(core.codec.item(collection, Json.toObject(el, collection + "[" + i + "]"),
          collection + "[" + i + "]"));
    }
    return retryingRaces(() -> view.runner().write(tx -> {
      StoredResourceHead cur = openForAppend(tx, id);
      long version = bump(tx, cur);
      tx.appendItems(kind, id, cur.org(), collection, items);
      recordAppend(tx, cur, version, collection, items);
      return version;
    }));
  }

  /** Inserts or replaces one keyed item; returns the new resource version. */
  long upsert(String id, String collection, Object element) {
    Ids.require(id, kind, "id");
    if (element == null) {
      throw new InvalidArgumentException(collection + ": element required");
    }
    StoredItem item = core.codec.item(collection, Json.toObject(element, collection), collection);
    return retryingRaces(() -> view.runner().write(tx -> {
      StoredResourceHead cur = openForAppend(tx, id);
      long version = bump(tx, cur);
      tx.upsertItem(kind, id, cur.org(), collection, item);
      recordAppend(tx, cur, version, collection, List.of(item));
      return version;
    }));
  }

  /**
   * Appends one item under an idempotency key (null: none); a key already held answers with the
   * item held and writes nothing, even once the execution finished.
   */
  <E> CollectionItem<E> appendKeyed(String id, String collection, String key, E element,
      Class<E> type) {
    Ids.require(id, kind, "id");
    String k = CollectionRepo.checkKey(key, "key");
    if (element == null) {
      throw new InvalidArgumentException(collection + ": element required");
    }
    StoredItem encoded = core.codec.item(collection, Json.toObject(element, collection),
        collection);
    StoredItem item = StoredItem.toAppend(k, encoded.json());
    return retryingRaces(() -> view.runner().write(tx -> {
      StoredResourceHead cur = head(tx, id);
      if (ResourceCodec.phase(cur.phase()).isTerminal()) {
        // A retry of an append that made it answers even once the execution finished.
        return held(tx, cur, collection, k, type).orElseThrow(() -> closed(cur));
      }
      // Insert first, the key's check in the same statement: a new item costs no lookup, and a
      // held key writes nothing (the version is bumped only after something was stored).
      OptionalLong sequence = tx.appendItemUnlessKeyHeld(kind, id, cur.org(), collection, item);
      if (sequence.isEmpty()) {
        return held(tx, cur, collection, k, type).orElseThrow(() -> new IllegalStateException(
            "the backend held key '" + k + "' of " + collection + " but cannot read it"));
      }
      long version = bump(tx, cur);
      recordAppend(tx, cur, version, collection, List.of(item));
      return decodeItem(StoredItem.stored(sequence.getAsLong(), k, item.json()), collection,
          type);
    }));
  }

  /** The item held under {@code key} (null: none) in a collection of {@code cur}. */
  private static <E> Optional<CollectionItem<E>> held(BackendTransaction tx,
      StoredResourceHead cur, String collection, String key, Class<E> type) {
    return key == null ? Optional.empty()
        : tx.itemByKey(cur.kind(), cur.id(), collection, key)
            .map(i -> decodeItem(i, collection, type));
  }

  /** Up to {@code limit} items of a collection after a sequence, with their sequences and keys. */
  <E> List<CollectionItem<E>> itemsAfter(String id, String collection, long afterSequence,
      int limit, Class<E> type) {
    Ids.require(id, kind, "id");
    new dev.agentstore.ItemQuery(afterSequence, limit, List.of()); // checks both bounds
    return view.runner().read(tx -> {
      if (find(tx, id).isEmpty()) {
        throw notFound(id);
      }
      return tx.itemsAfter(kind, id, collection, afterSequence, limit).stream()
          .map(i -> decodeItem(i, collection, type)).toList();
    });
  }

  private static <E> CollectionItem<E> decodeItem(StoredItem i, String collection,
      Class<E> type) {
    E value = Json.fromTree(Json.parseTrusted(i.json()), type,
        collection + "[" + i.sequence() + "]");
    return new CollectionItem<>(i.sequence(), i.key(), null, null, value);
  }

  /** The locked head of the row with this id, or NotFoundException. */
  private StoredResourceHead head(BackendTransaction tx, String id) {
    return tx.findHeadForUpdate(kind, id).filter(h -> view.sees(h.org()))
        .orElseThrow(() -> notFound(id));
  }

  /**
   * The execution's head, locked, if it still takes items. Only the head: an append leaves the
   * documents alone and needs the org, version and phase.
   */
  private StoredResourceHead openForAppend(BackendTransaction tx, String id) {
    return requireOpen(head(tx, id));
  }

  /** {@code cur}, if the execution still takes items. */
  private static StoredResourceHead requireOpen(StoredResourceHead cur) {
    if (ResourceCodec.phase(cur.phase()).isTerminal()) {
      throw closed(cur);
    }
    return cur;
  }

  /** The refusal of a write to the items of a finished execution. */
  private static FailedPreconditionException closed(StoredResourceHead cur) {
    return new FailedPreconditionException(cur.id() + " is " + ResourceCodec.phase(cur.phase())
        + "; the history of a finished execution is closed");
  }

  private long bump(BackendTransaction tx, StoredResourceHead cur) {
    long version = cur.version() + 1;
    Instant now = core.now();
    if (!tx.touch(kind, cur.id(), cur.version(), version, now, view.actor())) {
      StoredResourceHead latest = head(tx, cur.id());
      throw new RaceLost(cur.id(), cur.version(), latest.version());
    }
    return version;
  }

  private void recordAppend(BackendTransaction tx, StoredResourceHead cur, long version,
      String collection, List<StoredItem> items) {
    ObjectNode snapshot = Json.nodes().objectNode();
    ArrayNode arr = snapshot.putArray(collection);
    for (StoredItem i : items) {
      arr.add(Json.parseTrusted(i.json()));
    }
    // The history row names the kind, id, org, version and time: the head has them all.
    StoredResource appended = StoredResource.builder(cur.kind(), cur.id()).org(cur.org())
        .version(version).updatedAt(core.now()).updatedBy(view.actor()).build();
    record(tx, appended, ChangeEvent.APPENDED, snapshot);
  }
}
