package dev.agentstore.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AggregateResult;
import dev.agentstore.Aggregation;
import dev.agentstore.AlreadyExistsException;
import dev.agentstore.Claim;
import dev.agentstore.ConflictException;
import dev.agentstore.DeleteOptions;
import dev.agentstore.DeleteResult;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.Lease;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Page;
import dev.agentstore.Query;
import dev.agentstore.QueryExplanation;
import dev.agentstore.RefField;
import dev.agentstore.Resource;
import dev.agentstore.ResourceRepository;
import dev.agentstore.ResourceType;
import dev.agentstore.Slugs;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import dev.agentstore.spi.StoredResourceWithItems;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The one implementation of the repository semantics for every kind, over any backend: checks,
 * ids and slugs, optimistic concurrency, org views, history rows, keyset pages.
 *
 * <p>Usage: {@code new Repo<>(ResourceType.AGENT, view).create(agent)}
 *
 * @param <R> the resource type
 * @param <S> its spec type
 * @param <T> its status type
 */
class Repo<R extends Resource<S, T>, S, T> implements ResourceRepository<R> {
  private static final int RACE_RETRIES = 8;

  final ResourceType<R, S, T> type;
  final Kind kind;
  final View view;
  final StoreCore core;

  Repo(ResourceType<R, S, T> type, View view) {
    this.type = type;
    this.kind = type.kind();
    this.view = view;
    this.core = view.core();
  }

  @Override
  public Kind kind() {
    return kind;
  }

  // ---------------------------------------------------------------- create

  @Override
  public R create(R resource) {
    requireResource(resource);
    return view.runner().write(tx -> created(tx, resource));
  }

  /** {@link #insert}, then the stored resource as written. */
  private R created(BackendTransaction tx, R resource) {
    ResourceCodec.Encoded enc = insert(tx, resource);
    // The items were just written: decode what was written instead of reading it back.
    return core.codec.decode(type, enc.row(), enc.items());
  }

  /** The most resources one {@link #createAll} stores: one transaction, bounded in size. */
  static final int MAX_CREATE_ALL = 1_000;

  @Override
  public List<R> createAll(List<R> resources) {
    if (resources == null) {
      throw new InvalidArgumentException("resources", "required");
    }
    if (resources.size() > MAX_CREATE_ALL) {
      throw new InvalidArgumentException("resources", "at most " + MAX_CREATE_ALL + " per call,"
          + " got " + resources.size() + "; split a larger load into several calls");
    }
    for (int i = 0; i < resources.size(); i++) {
      int index = i;
      if (resources.get(index) == null) {
        throw new InvalidArgumentException("resources[" + index + "]", "required");
      }
      withIndex(index, () -> {
        requireResource(resources.get(index));
        return null;
      });
    }
    if (resources.isEmpty()) {
      return List.of();
    }
    try {
      return view.runner().write(tx -> createTogether(tx, resources));
    } catch (AlreadyExistsException | FailedPreconditionException e) {
      if (!view.runner().ownsTransactions()) {
        throw e;
      }
      // A multi-row INSERT cannot say which row broke a constraint: store them one at a time,
      // which names it and again changes nothing (or, if the clash is gone, creates them all).
      return view.runner().write(tx -> {
        List<R> created = new ArrayList<>(resources.size());
        for (int i = 0; i < resources.size(); i++) {
          int index = i;
          created.add(naming(index, () -> created(tx, resources.get(index))));
        }
        return created;
      });
    }
  }

  /** {@link #createAll}'s one transaction: encode all, then rows, items, history in batches. */
  private List<R> createTogether(BackendTransaction tx, List<R> resources) {
    List<ResourceCodec.Encoded> encoded = new ArrayList<>(resources.size());
    Map<String, Integer> slugs = new HashMap<>();
    for (int i = 0; i < resources.size(); i++) {
      int index = i;
      ResourceCodec.Encoded enc = withIndex(index, () -> encodeNew(tx, resources.get(index)));
      Integer first = slugs.putIfAbsent(enc.row().org() + "/" + enc.row().slug(), index);
      if (first != null) {
        throw new InvalidArgumentException("resources[" + index + "].metadata.slug", "'"
            + enc.row().slug() + "' is also the slug of resources[" + first + "] in the same"
            + " org");
      }
      encoded.add(enc);
    }
    tx.insertAll(encoded.stream().map(ResourceCodec.Encoded::row).toList()); // multi-row INSERTs
    List<StoredItem.Group> groups = new ArrayList<>();
    for (ResourceCodec.Encoded enc : encoded) {
      enc.items().forEach((collection, items) -> {
        if (!items.isEmpty()) {
          groups.add(new StoredItem.Group(enc.row().id(), enc.row().org(), collection,
              numbered(items)));
        }
      });
    }
    if (!groups.isEmpty()) {
      tx.importItemGroups(kind, groups); // every item of every resource in multi-row INSERTs
    }
    List<R> created = new ArrayList<>(encoded.size());
    for (ResourceCodec.Encoded enc : encoded) {
      record(tx, enc.row(), ChangeEvent.CREATED, core.codec.snapshotJson(enc.row(), enc.items()));
      created.add(core.codec.decode(type, enc.row(), enc.items()));
    }
    return created;
  }

  /** {@link #withIndex}, and also naming it in a clash or a broken precondition. */
  private static <T> T naming(int index, Supplier<T> write) {
    try {
      return withIndex(index, write);
    } catch (AlreadyExistsException e) {
      throw new AlreadyExistsException(e.kind().orElse(null), e.resourceId().orElse(null),
          "resources[" + index + "]: " + e.getMessage(), e);
    } catch (FailedPreconditionException e) {
      throw new FailedPreconditionException("resources[" + index + "]: " + e.getMessage(), e);
    }
  }

  /** Runs {@code check}, naming resource {@code index} in a bad-input error it raises. */
  private static <T> T withIndex(int index, Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException("resources[" + index + "]." + e.getMessage(), e);
    }
  }

  /** The items of a new collection at sequences 1..n, as a first append stores them. */
  private static List<StoredItem> numbered(List<StoredItem> items) {
    List<StoredItem> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      StoredItem item = items.get(i);
      out.add(StoredItem.stored(i + 1, item.key(), item.json()));
    }
    return out;
  }

  /**
   * Inserts a new resource with its items and history; returns the stored row. The id is always
   * new: like the version, timestamps and actors, a caller's {@code metadata.id} is ignored on
   * create (so a copy of a read resource creates a new one), and the outcome of a create never
   * depends on whether that id exists, in this org or another. Returns what was written.
   */
  ResourceCodec.Encoded insert(BackendTransaction tx, R resource) {
    ResourceCodec.Encoded enc = encodeNew(tx, resource);
    String id = enc.row().id();
    try {
      tx.insert(enc.row());
    } catch (AlreadyExistsException e) {
      // Backends know the constraint, the core knows the kind and id: name them for callers.
      throw e.kind().isPresent() ? e : new AlreadyExistsException(kind, id, e.getMessage(), e);
    }
    enc.items().forEach((collection, items) -> {
      if (!items.isEmpty()) { // a new resource has no items to clear: nothing to write
        tx.insertFirstItems(kind, id, enc.row().org(), collection, items);
      }
    });
    record(tx, enc.row(), ChangeEvent.CREATED, core.codec.snapshotJson(enc.row(), enc.items()));
    return enc;
  }

  /** A new resource encoded at version 1 with a new id, checked, sealed, not yet written. */
  private ResourceCodec.Encoded encodeNew(BackendTransaction tx, R resource) {
    Metadata m = resource.metadata();
    String id = Ids.next(kind);
    String org = orgForCreate(m, id);
    String slug = m.slug() == null ? Slugs.derive(m.name(), "metadata.name")
        : Slugs.require(m.slug(), "metadata.slug");
    Instant now = core.now();
    ResourceCodec.Encoded enc = encodeSealed(tx, resource,
        new ResourceCodec.Identity(id, org, slug, 1, now, now, view.actor(), view.actor()), false);
    checkContextExecution(tx, enc.row());
    return enc;
  }

  private String orgForCreate(Metadata m, String id) {
    if (kind.scope() == Kind.Scope.PLATFORM) {
      // A read Organization carries its own id as its org: a copy of it may keep both.
      if (m.org() != null && !m.org().equals(id) && !m.org().equals(m.id())) {
        throw new InvalidArgumentException("metadata.org", "an Organization belongs to no org;"
            + " leave it empty");
      }
      if (view.org() != null) {
        throw new NotFoundException(Kind.ORGANIZATION, id, "organizations outside "
            + view.org() + " are not visible from this view, so it cannot create one");
      }
      return id;
    }
    String org = m.org() != null ? m.org() : view.org();
    Ids.require(org, Kind.ORGANIZATION, "metadata.org");
    if (view.org() != null && !view.org().equals(org)) {
      throw new NotFoundException(Kind.ORGANIZATION, org, "organization " + org + " not found");
    }
    return org;
  }

  // ---------------------------------------------------------------- read

  @Override
  public Optional<R> get(String id) {
    Ids.require(id, kind, "id");
    // One statement (the row with its items): no transaction of its own needed.
    return view.runner().readOneStatement(tx -> findWithItems(tx, id, false).map(this::decode));
  }

  @Override
  public Optional<R> getBySlug(String org, String slug) {
    Slugs.require(slug, "slug");
    String scope = null;
    if (kind.scope() != Kind.Scope.PLATFORM) {
      scope = org != null ? Ids.require(org, Kind.ORGANIZATION, "org") : view.org();
      if (scope == null) {
        throw new InvalidArgumentException("org", "required to look up a " + kind.kindName()
            + " by slug");
      }
    }
    String s = scope;
    return view.runner().read(tx -> tx.findBySlug(kind, s, slug).filter(view::sees)
        .map(row -> load(tx, row)));
  }

  /** The row with this id if this view may see it. */
  Optional<StoredResource> find(BackendTransaction tx, String id) {
    return tx.find(kind, id).filter(view::sees);
  }

  /** The row with this id, locked for the rest of the write transaction, or NotFoundException. */
  StoredResource require(BackendTransaction tx, String id) {
    return tx.findForUpdate(kind, id).filter(view::sees).orElseThrow(() -> notFound(id));
  }

  /**
   * The row with this id and its child items if this view may see it, locked for the rest of
   * the write transaction when {@code forUpdate}: one backend call.
   */
  private Optional<StoredResourceWithItems> findWithItems(BackendTransaction tx, String id,
      boolean forUpdate) {
    return tx.findWithItems(kind, id, ExecutionCollections.of(kind), forUpdate)
        .filter(found -> view.sees(found.row()));
  }

  /**
   * {@link #require} with the row's child items, in one backend call: for writes that return the
   * resource, or compare its items, without reading them again after the write.
   */
  StoredResourceWithItems requireWithItems(BackendTransaction tx, String id) {
    return findWithItems(tx, id, true).orElseThrow(() -> notFound(id));
  }

  /** Decodes a row read with its child items. */
  R decode(StoredResourceWithItems found) {
    return core.codec.decode(type, found.row(), found.items());
  }

  /** Decodes a row with its child items. */
  R load(BackendTransaction tx, StoredResource row) {
    return core.codec.decode(type, row, itemsOf(tx, row.id()));
  }

  /** The child items of every collection of one resource, read in one call. */
  Map<String, List<StoredItem>> itemsOf(BackendTransaction tx, String id) {
    return itemsOf(tx, List.of(id)).getOrDefault(id, Map.of());
  }

  /**
   * The child items of every collection of these resources, by resource id then collection;
   * one backend call (none for kinds without collections).
   */
  Map<String, Map<String, List<StoredItem>>> itemsOf(BackendTransaction tx, List<String> ids) {
    List<String> collections = ExecutionCollections.of(kind);
    if (collections.isEmpty() || ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, List<StoredItem>>> byId = new HashMap<>();
    tx.itemsOfCollections(kind, ids, collections).forEach((c, byResource) ->
        byResource.forEach((id, items) -> byId.computeIfAbsent(id, k -> new HashMap<>())
            .put(c, items)));
    return byId;
  }

  // ---------------------------------------------------------------- update

  @Override
  public R update(R resource) {
    requireResource(resource);
    Metadata m = resource.metadata();
    String id = Ids.require(m.id(), kind, "metadata.id");
    long expected = requireVersion(m.version());
    return view.runner().write(tx -> {
      StoredResourceWithItems found = requireWithItems(tx, id);
      StoredResource cur = found.row();
      if (m.org() != null && !m.org().equals(cur.org())) {
        throw new InvalidArgumentException("metadata.org", "a resource cannot move to another org"
            + " (stored in " + cur.org() + ")");
      }
      String slug = m.slug() == null ? cur.slug() : Slugs.require(m.slug(), "metadata.slug");
      checkVersion(cur, expected);
      return replaceSpec(tx, cur, resource, slug, found.items());
    });
  }

  /**
   * Writes metadata and spec of {@code resource} over {@code cur} (already version-checked) at
   * the next version, keeping the stored status: the status subresource is written only by
   * updateStatus. {@code items} are the child items read with {@code cur} (null: read them
   * after the write); a spec write keeps them.
   */
  private R replaceSpec(BackendTransaction tx, StoredResource cur, Resource<?, ?> resource,
      String slug, Map<String, List<StoredItem>> items) {
    boolean finished = kind.isExecution() && ResourceCodec.phase(cur.phase()).isTerminal();
    ResourceCodec.Encoded enc = encodeSealed(tx, resource, identity(cur, slug), finished);
    checkSpecChange(cur, enc);
    checkContextExecution(tx, enc.row());
    StoredResource row = enc.row().withStatus(cur.statusJson(), cur.phase());
    core.codec.requireSize(row);
    replace(tx, cur, row, ChangeEvent.UPDATED, null);
    return items == null ? load(tx, row) : core.codec.decode(type, row, items);
  }

  @Override
  public R updateStatus(R resource) {
    requireResource(resource);
    Metadata m = resource.metadata();
    String id = Ids.require(m.id(), kind, "metadata.id");
    long expected = requireVersion(m.version());
    ObjectNode tree = Json.toObject(resource.status(), "status");
    return view.runner().write(tx -> {
      StoredResourceWithItems found = requireWithItems(tx, id);
      checkVersion(found.row(), expected);
      return writeStatus(tx, found.row(), tree, found.items());
    });
  }

  // ---------------------------------------------------------------- edit

  @Override
  public R edit(String id, UnaryOperator<R> change) {
    return edit(id, change, this::update);
  }

  @Override
  public R editStatus(String id, UnaryOperator<R> change) {
    return edit(id, change, this::updateStatus);
  }

  /**
   * Read, change, write at the version read; after a conflict read again and re-apply, up to
   * the store's edit retries, pausing a few jittered milliseconds so racing editors spread out.
   * Inside a transaction a conflict is final: the transaction's reads would not change.
   */
  private R edit(String id, UnaryOperator<R> change, UnaryOperator<R> write) {
    Ids.require(id, kind, "id");
    if (change == null) {
      throw new InvalidArgumentException("change", "required");
    }
    for (int attempt = 0; ; attempt++) {
      R current = get(id).orElseThrow(() -> notFound(id));
      R next = change.apply(current);
      if (next == null) {
        throw new InvalidArgumentException("change", "returned null; return the changed resource");
      }
      Metadata m = next.metadata() == null ? current.metadata() : next.metadata();
      @SuppressWarnings("unchecked")
      R pinned = (R) next.withMetadata(m.assigned(id, m.slug(), m.org(),
          current.metadata().version(), m.createdAt(), m.updatedAt(), m.createdBy(),
          m.updatedBy()));
      try {
        return write.apply(pinned);
      } catch (ConflictException e) {
        if (!view.runner().ownsTransactions() || attempt >= core.editRetries) {
          throw e;
        }
        if (core.observer != null) {
          core.observer.retried("edit");
        }
        EditBackoff.pause(attempt);
      }
    }
  }

  /**
   * Writes a new status over {@code cur} (already version-checked). {@code storedItems} are the
   * child items read with {@code cur}, or null to read them only if they are needed.
   */
  R writeStatus(BackendTransaction tx, StoredResource cur, ObjectNode tree,
      Map<String, List<StoredItem>> storedItems) {
    Metadata m = core.codec.metadata(cur);
    ObjectNode spec = (ObjectNode) Json.parseTrusted(cur.specJson());
    ObjectNode status = tree == null ? Json.nodes().objectNode() : tree.deepCopy();
    ExecutionPhase to = null;
    if (kind.isExecution()) {
      ExecutionPhase from = ResourceCodec.phase(cur.phase());
      to = status.hasNonNull("phase") ? ResourceCodec.phase(status.get("phase").asText()) : from;
      if (to != from && !from.canMoveTo(to)) {
        throw illegalMove(cur.id(), from, to);
      }
      status.put("phase", to.name());
    }
    // The spec is stored sealed: encode it as-is, skipping the sealer.
    ResourceCodec.Encoded enc = core.codec.encodeTrees(kind, m, spec, status,
        identity(cur, cur.slug()), false);
    StoredResource row = enc.row();
    Map<String, List<StoredItem>> replaced = enc.items();
    replace(tx, cur, row, ChangeEvent.STATUS_UPDATED, replaced);
    // A status usually carries its collections back unchanged (read, set the phase, write):
    // compare with what is stored (read with cur, or once here) and rewrite only the
    // collections that differ, instead of deleting and inserting every message of a long
    // execution on each status write.
    Map<String, List<StoredItem>> stored = storedItems != null ? storedItems
        : replaced.isEmpty() ? null : itemsOf(tx, cur.id());
    replaced.forEach((c, items) -> {
      if (!sameItems(stored.getOrDefault(c, List.of()), items)) {
        tx.replaceItems(kind, cur.id(), cur.org(), c, items);
      }
    });
    if (to != null && to.isTerminal()) {
      deleteExecutionContexts(tx, cur.id());
      dropSecretsFromHistory(tx, kind, cur.id());
    }
    if (stored == null) {
      return load(tx, row); // a status without collections (a transition) kept them all
    }
    Map<String, List<StoredItem>> now = new HashMap<>(stored);
    now.putAll(replaced);
    return core.codec.decode(type, row, now);
  }

  /**
   * Whether {@code stored} is what replacing the collection with {@code fresh} would store:
   * sequences 1..n, the same keys and the same JSON (compared as trees, since PostgreSQL's JSONB
   * gives back its own spacing and key order).
   */
  static boolean sameItems(List<StoredItem> stored, List<StoredItem> fresh) {
    if (stored.size() != fresh.size()) {
      return false;
    }
    for (int i = 0; i < fresh.size(); i++) {
      StoredItem s = stored.get(i);
      StoredItem f = fresh.get(i);
      if (s.sequence() != i + 1 || !Objects.equals(s.key(), f.key())
          || !(s.json().equals(f.json())
              || Json.parseTrusted(s.json()).equals(Json.parseTrusted(f.json())))) {
        return false;
      }
    }
    return true;
  }

  /** Writes {@code row} over {@code cur} at the next version and records it. */
  void replace(BackendTransaction tx, StoredResource cur, StoredResource row, ChangeEvent event,
      Map<String, List<StoredItem>> snapshotItems) {
    if (!tx.updateChanged(row, cur)) {
      StoredResource now = require(tx, cur.id());
      throw new RaceLost(cur.id(), cur.version(), now.version());
    }
    record(tx, row, event, core.codec.snapshotJson(row, snapshotItems));
  }

  private ResourceCodec.Identity identity(StoredResource cur, String slug) {
    return new ResourceCodec.Identity(cur.id(), cur.org(), slug, cur.version() + 1,
        cur.createdAt(), core.now(), cur.createdBy(), view.actor());
  }

  // ---------------------------------------------------------------- apply

  @Override
  public R apply(R resource) {
    requireResource(resource);
    Metadata m = resource.metadata();
    String slug = m.slug() == null ? Slugs.derive(m.name(), "metadata.name")
        : Slugs.require(m.slug(), "metadata.slug");
    String org = kind.scope() == Kind.Scope.PLATFORM ? null
        : Ids.require(m.org() != null ? m.org() : view.org(), Kind.ORGANIZATION, "metadata.org");
    return retryingRaces(() -> view.runner().write(tx -> {
      Optional<StoredResource> existing = tx.findBySlug(kind, org, slug).filter(view::sees);
      if (existing.isEmpty()) {
        ResourceCodec.Encoded enc = insert(tx, type.create(m.withSlug(slug), resource.spec(),
            resource.status()));
        return core.codec.decode(type, enc.row(), enc.items());
      }
      StoredResource cur = existing.get();
      long expected = m.version() > 0 ? m.version() : cur.version();
      checkVersion(cur, expected);
      Metadata target = m.assigned(cur.id(), slug, cur.org(), expected, cur.createdAt(),
          cur.updatedAt(), cur.createdBy(), cur.updatedBy());
      if (resource.spec() != null && sameContent(tx, cur, target, resource.spec())) {
        return load(tx, cur); // like kubectl apply: nothing to change: no version, history, event
      }
      return replaceSpec(tx, cur, resource.withMetadata(target), slug, null);
    }));
  }

  /**
   * Whether {@code metadata} and {@code spec} normalise to what {@code cur} holds: the caller-set
   * metadata (name, slug, labels, annotations, tags, owner scope) and the spec. A kind with
   * secrets is compared unsealed, since sealing is randomised and never compares equal.
   */
  private boolean sameContent(BackendTransaction tx, StoredResource cur, Metadata metadata,
      Object spec) {
    ResourceCodec.Identity same = new ResourceCodec.Identity(cur.id(), cur.org(), cur.slug(),
        cur.version(), cur.createdAt(), cur.updatedAt(), cur.createdBy(), cur.updatedBy());
    StoredResource after = core.codec.encodeTrees(kind, metadata, Json.toObject(spec, "spec"),
        null, same, false).row();
    StoredResource before = cur;
    if (SecretFields.hasSecrets(kind)) {
      // Only the metadata and the opened spec are compared: the items stay unread.
      R stored = core.codec.decode(type, cur, null);
      before = core.codec.encodeTrees(kind, stored.metadata(),
          Json.toObject(stored.spec(), "spec"), null, same, false).row();
    }
    return Objects.equals(metadata.slug(), cur.slug())
        && Objects.equals(before.name(), after.name())
        && sameJson(before.labelsJson(), after.labelsJson())
        && sameJson(before.metadataJson(), after.metadataJson())
        && sameJson(before.specJson(), after.specJson());
  }

  /** Compared as trees: a JSONB column gives the document back with other spacing and key order. */
  private static boolean sameJson(String a, String b) {
    return a.equals(b) || Json.parseTrusted(a).equals(Json.parseTrusted(b));
  }

  // ---------------------------------------------------------------- delete

  @Override
  public boolean delete(String id) {
    Ids.require(id, kind, "id");
    return view.runner().write(tx -> deleteRow(tx, id, null));
  }

  @Override
  public boolean delete(String id, long expectedVersion) {
    Ids.require(id, kind, "id");
    long expected = requireVersion(expectedVersion);
    return view.runner().write(tx -> deleteRow(tx, id, expected));
  }

  @Override
  public DeleteResult deleteWhere(Query query, DeleteOptions options) {
    return new BulkDelete(this).run(query, options);
  }

  @Override
  public List<Claim<R>> claim(Query query, String owner, Duration lease, int max) {
    return new Leases<>(this).claim(query, owner, lease, max);
  }

  @Override
  public Lease renew(String id, String owner, Duration lease) {
    return new Leases<>(this).renew(id, owner, lease);
  }

  @Override
  public boolean release(String id, String owner) {
    return new Leases<>(this).release(id, owner);
  }

  @Override
  public Optional<Lease> lease(String id) {
    return new Leases<>(this).lease(id);
  }

  /** Deletes one row (and, for executions, its contexts) with history; false when absent. */
  boolean deleteRow(BackendTransaction tx, String id, Long expected) {
    return deleteRow(tx, id, expected, true);
  }

  /**
   * Deletes one row (and, for executions, its contexts); with {@code record} a DELETED history
   * entry for each, without it every history entry of each goes. False when absent.
   */
  boolean deleteRow(BackendTransaction tx, String id, Long expected, boolean record) {
    Optional<StoredResource> found = tx.findForUpdate(kind, id).filter(view::sees);
    if (found.isEmpty()) {
      return false;
    }
    StoredResource cur = found.get();
    if (expected != null) {
      checkVersion(cur, expected);
    }
    DeleteCascade.beforeDelete(this, tx, kind, cur, record);
    return removeRow(tx, cur, record);
  }

  /**
   * Deletes {@code cur}, read in this transaction, whose referrers' delete rules were applied:
   * for executions their contexts too; with {@code record} a DELETED history entry for each,
   * without it every history entry of each goes. True: a lost race is a conflict.
   */
  boolean removeRow(BackendTransaction tx, StoredResource cur, boolean record) {
    String id = cur.id();
    if (kind.isExecution()) {
      deleteExecutionContexts(tx, id, record);
    }
    if (!tx.delete(kind, id, cur.version())) {
      StoredResource now = require(tx, id);
      throw new RaceLost(id, cur.version(), now.version());
    }
    if (!record) {
      tx.deleteHistoryOf(id);
      return true;
    }
    StoredResource gone = cur.touched(cur.version() + 1, core.now(), view.actor());
    record(tx, gone, ChangeEvent.DELETED, core.codec.snapshotJson(cur, null));
    if (kind.isExecution() || kind == Kind.EXECUTION_CONTEXT) {
      dropSecretsFromHistory(tx, kind, id); // deleted, it keeps no secrets either
    }
    return true;
  }

  /**
   * SET_NULL of declared references: removes each of {@code fields} (REFERENCE fields of this
   * declared kind) from the resource {@code id} where it names one of {@code gone}, as an update
   * at the next version with an UPDATED history entry; the stored status stays as it is.
   */
  void clearReferences(BackendTransaction tx, String id, List<dev.agentstore.KindDefinition.Field>
      fields, java.util.Set<String> gone) {
    StoredResource cur = require(tx, id);
    ObjectNode spec = (ObjectNode) Json.parseTrusted(cur.specJson());
    boolean changed = false;
    for (dev.agentstore.KindDefinition.Field f : fields) {
      ObjectNode o = DeclaredFields.parent(spec, f);
      String last = DeclaredFields.name(f);
      if (o != null && o.path(last).isTextual() && gone.contains(o.get(last).textValue())) {
        o.remove(last);
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    ObjectNode status = (ObjectNode) Json.parseTrusted(cur.statusJson());
    // The spec is stored sealed: encode it as-is, skipping the sealer.
    StoredResource row = core.codec.encodeTrees(kind, core.codec.metadata(cur), spec, status,
        identity(cur, cur.slug()), false).row().withStatus(cur.statusJson(), cur.phase());
    replace(tx, cur, row, ChangeEvent.UPDATED, null);
  }

  /**
   * Takes the ephemeral secret values out of every history snapshot of a finished execution (its
   * runtimeEnv; the row itself was written without them) or of a deleted ExecutionContext (its
   * data), in the caller's transaction: a secret given to an execution does not outlive it, in
   * the rows or in their history.
   */
  void dropSecretsFromHistory(BackendTransaction tx, Kind of, String resourceId) {
    long after = 0;
    List<HistoryRecord> page;
    do {
      page = tx.history(resourceId, after, Query.MAX_PAGE_SIZE);
      for (HistoryRecord h : page) {
        after = h.sequence();
        if (h.event() == ChangeEvent.APPENDED
            || !SecretFields.mayMentionSecretEntry(h.snapshotJson())) {
          // Appended items have no spec; a snapshot without a secret entry need not be parsed
          // (parsing every snapshot was much of a delete's CPU, REPORT.md).
          continue;
        }
        ObjectNode snapshot = (ObjectNode) Json.parseTrusted(h.snapshotJson());
        if (snapshot.get("spec") instanceof ObjectNode spec
            && SecretFields.dropEphemeralSecrets(of, spec) > 0) {
          tx.replaceHistorySnapshot(h.sequence(), Json.write(snapshot));
        }
      }
    } while (page.size() == Query.MAX_PAGE_SIZE);
  }

  /**
   * An ExecutionContext names its execution ({@code spec.executionId} is required) and only an
   * unfinished one: the context of a finished execution would never be deleted, so its secrets
   * would stay. The execution is locked for the rest of the transaction, so a concurrent
   * transition to a terminal phase either sees this context (and deletes it) or comes first (and
   * this write is refused). Whether the execution exists in the org is the database's check.
   */
  private void checkContextExecution(BackendTransaction tx, StoredResource row) {
    if (kind != Kind.EXECUTION_CONTEXT) {
      return;
    }
    String executionId = row.refs().get(RefField.EXECUTION_ID);
    if (executionId == null) {
      throw new InvalidArgumentException("spec.executionId", "required: an ExecutionContext"
          + " belongs to one agent or workflow execution and is deleted when it finishes");
    }
    Kind executionKind = Kind.fromId(executionId).orElseThrow();
    Optional<StoredResource> execution = tx.findForUpdate(executionKind, executionId)
        .filter(e -> e.org().equals(row.org()));
    if (execution.isPresent()) {
      ExecutionPhase phase = ResourceCodec.phase(execution.get().phase());
      if (phase.isTerminal()) {
        throw new FailedPreconditionException("cannot write ExecutionContext " + row.id()
            + ": execution " + executionId + " is " + phase + " (finished executions keep no"
            + " context)");
      }
    }
  }

  /** Deletes the ExecutionContexts of an execution, each with its history row. */
  void deleteExecutionContexts(BackendTransaction tx, String executionId) {
    deleteExecutionContexts(tx, executionId, true);
  }

  /** Deletes an execution's contexts, recording each deletion or removing each one's history. */
  private void deleteExecutionContexts(BackendTransaction tx, String executionId,
      boolean record) {
    StoredQuery q = StoredQuery.builder(Query.MAX_PAGE_SIZE)
        .refs(Map.of(RefField.EXECUTION_ID, executionId)).build();
    List<StoredResource> contexts;
    do {
      contexts = tx.list(Kind.EXECUTION_CONTEXT, q);
      for (StoredResource c : contexts) {
        DeleteCascade.beforeDelete(this, tx, Kind.EXECUTION_CONTEXT, c, record);
        tx.delete(Kind.EXECUTION_CONTEXT, c.id(), null);
        if (!record) {
          tx.deleteHistoryOf(c.id());
          continue;
        }
        StoredResource gone = c.touched(c.version() + 1, core.now(), view.actor());
        record(tx, gone, ChangeEvent.DELETED, core.codec.snapshotJson(c, null));
        dropSecretsFromHistory(tx, Kind.EXECUTION_CONTEXT, c.id());
      }
    } while (contexts.size() == Query.MAX_PAGE_SIZE);
  }

  // ---------------------------------------------------------------- query

  @Override
  public Page<R> list(Query query) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    QueryPlan plan = QueryPlan.of(kind, view.org(), query, core.tokens);
    if (plan.empty()) {
      return new Page<>(List.of(), null);
    }
    return view.runner().read(tx -> {
      List<StoredResource> rows = tx.list(kind, plan.stored());
      boolean more = rows.size() > query.pageSize();
      List<StoredResource> page = more ? rows.subList(0, query.pageSize()) : rows;
      Map<String, Map<String, List<StoredItem>>> items =
          itemsOf(tx, page.stream().map(StoredResource::id).toList());
      List<R> out = new ArrayList<>(page.size());
      for (StoredResource row : page) {
        out.add(core.codec.decode(type, row, items.getOrDefault(row.id(), Map.of())));
      }
      String next = more ? plan.nextToken(page.get(page.size() - 1)) : null;
      return new Page<>(out, next);
    });
  }

  @Override
  public Stream<R> stream(Query query) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    return PageStream.of(query, this::list);
  }

  @Override
  public long count(Query query) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    QueryPlan plan = QueryPlan.of(kind, view.org(), query, core.tokens);
    if (plan.empty()) {
      return 0;
    }
    return view.runner().readOneStatement(tx -> tx.count(kind, plan.stored()));
  }

  @Override
  public AggregateResult aggregate(Query query, Aggregation aggregation) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    if (query.pageToken() != null) {
      throw new InvalidArgumentException("pageToken", "aggregate reads no page token (it"
          + " returns at most the aggregation's limit of groups)");
    }
    AggregationPlan agg = AggregationPlan.of(kind, aggregation);
    QueryPlan plan = QueryPlan.of(kind, view.org(), query, core.tokens);
    if (plan.empty()) {
      return agg.none();
    }
    return agg.result(view.runner().readOneStatement(tx -> tx.aggregate(kind, plan.stored(),
        agg.stored())));
  }

  @Override
  public QueryExplanation explain(Query query) {
    if (query == null) {
      throw new InvalidArgumentException("query", "required");
    }
    return QueryPlan.of(kind, view.org(), query, core.tokens).explain();
  }

  // ---------------------------------------------------------------- helpers

  /** Encodes with secrets sealed; records in {@code tx} that the store now holds secrets. */
  ResourceCodec.Encoded encodeSealed(BackendTransaction tx, Resource<?, ?> resource,
      ResourceCodec.Identity ident, boolean finished) {
    ResourceCodec.Encoded enc = core.codec.encode(resource, ident, finished);
    if (enc.sealedValues() > 0) {
      core.secrets.markPresent(tx, ident.updatedAt());
    }
    return enc;
  }

  /**
   * Re-seals, in {@code tx}, the secret values of {@code row} that are not under the primary key:
   * a new version with an UPDATED history row, re-reading and retrying when the row changed
   * concurrently. Adds to {@code counts}: [rewritten, values, retries].
   */
  void reseal(BackendTransaction tx, StoredResource row, long[] counts) {
    StoredResource cur = row;
    for (int attempt = 1; ; attempt++) {
      int[] values = {0};
      String spec = core.codec.reseal(cur, values);
      if (spec == null) {
        return;
      }
      StoredResource next = cur.toBuilder().version(cur.version() + 1).specJson(spec)
          .updatedAt(core.now()).updatedBy(view.actor()).build();
      if (tx.updateChanged(next, cur)) {
        tx.appendHistory(historyOf(next, ChangeEvent.UPDATED)
            .snapshotJson(core.codec.snapshotJson(next, itemsOf(tx, next.id())))
            .message("secrets re-encrypted").build());
        counts[0]++;
        counts[1] += values[0];
        return;
      }
      counts[2]++;
      Optional<StoredResource> now = tx.find(kind, cur.id());
      if (now.isEmpty()) {
        return; // deleted meanwhile: nothing left to re-seal
      }
      if (attempt >= RACE_RETRIES) {
        throw new RaceLost(cur.id(), cur.version(), now.get().version());
      }
      cur = now.get();
    }
  }

  /** A hook for kinds with spec fields only the store may set; checked before an update. */
  void checkSpecChange(StoredResource cur, ResourceCodec.Encoded next) {}

  /** Appends one history row for {@code row} as written. */
  void record(BackendTransaction tx, StoredResource row, ChangeEvent event, ObjectNode snapshot) {
    record(tx, row, event, Json.write(snapshot));
  }

  /** Appends one history row for {@code row} as written, its snapshot already JSON text. */
  void record(BackendTransaction tx, StoredResource row, ChangeEvent event, String snapshotJson) {
    tx.appendHistory(historyOf(row, event).snapshotJson(snapshotJson)
        .message(view.message()).build());
  }

  /** A history row for {@code row} as written by this view's actor; snapshot and note to add. */
  private HistoryRecord.Builder historyOf(StoredResource row, ChangeEvent event) {
    return HistoryRecord.builder().id(Ids.next(Kind.API_RESOURCE_VERSION))
        .kind(row.kind()) // not this repository's: an execution records its contexts' deletes
        .resourceId(row.id()).org(row.org()).resourceVersion(row.version()).event(event)
        .actor(view.actor()).createdAt(row.updatedAt());
  }

  /** Runs {@code work}, retrying a lost race when each call has its own transaction. */
  <V> V retryingRaces(Supplier<V> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (AlreadyExistsException | ConflictException e) {
        if (!view.runner().ownsTransactions() || attempt >= RACE_RETRIES || !isRace(e)) {
          throw e;
        }
      }
    }
  }

  /** Lost races surface as internal conflicts, marked so caller errors are not retried. */
  private static boolean isRace(RuntimeException e) {
    return e instanceof RaceLost || e instanceof AlreadyExistsException;
  }

  void checkVersion(StoredResource cur, long expected) {
    if (cur.version() != expected) {
      throw new ConflictException(cur.kind(), cur.id(), expected, cur.version());
    }
  }

  private void requireResource(R resource) {
    if (resource == null) {
      throw new InvalidArgumentException("resource", "required");
    }
    if (!type.resourceClass().isInstance(resource)) {
      throw new InvalidArgumentException("resource", "this repository stores " + kind.kindName()
          + ", not " + resource.getClass().getSimpleName());
    }
    core.codec.validateMetadata(resource.metadata());
  }

  private static long requireVersion(long v) {
    if (v <= 0) {
      throw new InvalidArgumentException("metadata.version", "the version read (>= 1) is"
          + " required for an update, got " + v);
    }
    return v;
  }

  NotFoundException notFound(String id) {
    return new NotFoundException(kind, id, kind.kindName() + " " + id + " not found");
  }

  static FailedPreconditionException illegalMove(String id, ExecutionPhase from,
      ExecutionPhase to) {
    String why = from.isTerminal() ? from + " is terminal" : from + " may move only to "
        + java.util.Arrays.stream(ExecutionPhase.values()).filter(from::canMoveTo).toList();
    return new FailedPreconditionException("cannot move " + id + " from " + from + " to " + to
        + ": " + why);
  }

  /** A write lost a race against a concurrent writer of the same row; safe to retry whole. */
  static final class RaceLost extends ConflictException {
    private static final long serialVersionUID = 1L;

    RaceLost(String id, long expected, long actual) {
      super(id, expected, actual);
    }
  }
}
