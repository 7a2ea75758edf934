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
      StoredResourceHead cur = bumpedForAppend(tx, id);
      tx.appendItems(kind, id, cur.org(), collection, items);
      recordAppend(tx, cur, collection, items);
      return cur.version();
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
      StoredResourceHead cur = bumpedForAppend(tx, id);
      tx.upsertItem(kind, id, cur.org(), collection, item);
      recordAppend(tx, cur, collection, List.of(item));
      return cur.version();
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
      StoredResourceHead bumped = bump(tx, cur);
      recordAppend(tx, bumped, collection, List.of(item));
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
   * The execution's head with its version raised for an append, if it still takes items. In
   * the store's own transaction the version is raised first, in the statement that locks the
   * row, and a refusal (another org's, a finished execution) rolls that back. A caller's
   * transaction might catch the refusal and commit, so there the head is read and checked
   * before anything is written.
   */
  private StoredResourceHead bumpedForAppend(BackendTransaction tx, String id) {
    if (!view.runner().ownsTransactions()) {
      return bump(tx, requireOpen(head(tx, id)));
    }
    return requireOpen(tx.bumpVersion(kind, id, core.now(), view.actor())
        .filter(h -> view.sees(h.org())).orElseThrow(() -> notFound(id)));
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

  /** {@code cur}'s version raised by one (checked against the version read); its new head. */
  private StoredResourceHead bump(BackendTransaction tx, StoredResourceHead cur) {
    long version = cur.version() + 1;
    Instant now = core.now();
    if (!tx.touch(kind, cur.id(), cur.version(), version, now, view.actor())) {
      StoredResourceHead latest = head(tx, cur.id());
      throw new RaceLost(cur.id(), cur.version(), latest.version());
    }
    return cur.withVersion(version);
  }

  /** The APPENDED history entry of {@code items}, at the version of {@code cur}. */
  private void recordAppend(BackendTransaction tx, StoredResourceHead cur,
      String collection, List<StoredItem> items) {
    long version = cur.version();
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
