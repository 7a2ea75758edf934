package dev.agentstore.spi;

import dev.agentstore.Kind;
import dev.agentstore.TransactionConflictException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The storage operations of one backend transaction. Everything a caller does through one
 * transaction commits or rolls back together, and the transaction sees its own writes. The facade
 * above it owns validation, ids, versions, secrets and the repository semantics; a backend only
 * stores and finds rows, and maps its failures to agentstore's errors: a duplicate slug to
 * {@code AlreadyExistsException}, a missing referenced row or a referencing dependent to
 * {@code FailedPreconditionException}, an unreachable or busy database to
 * {@code UnavailableException}.
 *
 * <p>Results are returned only where a caller acts on them: {@code update}, {@code touch} and
 * {@code delete} answer whether the version matched (the facade turns false into a conflict),
 * {@code pruneHistory} how many rows went (the public API reports it), {@code settingIfAbsent}
 * the value that won a race between openers.
 *
 * <p>Usage: {@code backend.write(tx -> { tx.insert(row); return null; });}
 */
public interface BackendTransaction {

  /** Inserts a new row. */
  void insert(StoredResource row);

  /** The row with this id, if any. */
  Optional<StoredResource> find(Kind kind, String id);

  /**
   * The row with this id, locked until the transaction ends so that a read-check-write sequence
   * cannot lose a race (SELECT ... FOR UPDATE). Backends whose write transactions already run
   * one at a time may simply {@link #find}.
   */
  default Optional<StoredResource> findForUpdate(Kind kind, String id) {
    return find(kind, id);
  }

  /**
   * The head (org, version, phase) of the row with this id, locked as {@link #findForUpdate}
   * locks it, for writes that leave the row's documents alone (appends). A backend should read
   * only those columns; this default reads the whole row.
   */
  default Optional<StoredResourceHead> findHeadForUpdate(Kind kind, String id) {
    return findForUpdate(kind, id).map(StoredResourceHead::of);
  }

  /**
   * The row with this id and the items of {@code collections} (none: the row alone), locked as
   * {@link #findForUpdate} does when {@code forUpdate}. The items must be the row's own: those
   * stored at the version returned, even when a locking read waited for a transaction that
   * changed the row. A backend should answer in one round trip; this default calls
   * {@link #find} or {@link #findForUpdate}, then {@link #itemsOfCollections}.
   */
  default Optional<StoredResourceWithItems> findWithItems(Kind kind, String id,
      List<String> collections, boolean forUpdate) {
    Optional<StoredResource> row = forUpdate ? findForUpdate(kind, id) : find(kind, id);
    if (row.isEmpty() || collections.isEmpty()) {
      return row.map(r -> new StoredResourceWithItems(r, Map.of()));
    }
    Map<String, List<StoredItem>> items = new java.util.HashMap<>();
    itemsOfCollections(kind, List.of(id), collections).forEach((c, byId) -> {
      List<StoredItem> own = byId.get(id);
      if (own != null) {
        items.put(c, own);
      }
    });
    return Optional.of(new StoredResourceWithItems(row.get(), items));
  }

  /** The row with this slug in this org, if any. */
  Optional<StoredResource> findBySlug(Kind kind, String org, String slug);

  /**
   * Replaces every mutable column of the row {@code row.id()} if its stored version is
   * {@code expectedVersion}; returns false (changing nothing) otherwise or when it is absent.
   */
  boolean update(StoredResource row, long expectedVersion);

  /**
   * {@link #update} of {@code row} over {@code stored}, the row as this transaction read it (same
   * id): writes if the stored version is still {@code stored.version()}. A backend may write only
   * the columns whose values differ from {@code stored}'s; on SQLite each column set means its
   * indexes' pages are written at commit, whether or not the value moved. The default writes
   * every column.
   */
  default boolean updateChanged(StoredResource row, StoredResource stored) {
    return update(row, stored.version());
  }

  /**
   * Raises the version of the row {@code id} by one and sets its updatedAt and updatedBy, as an
   * append does, without reading the row first; returns the row's head after the change (its
   * org, new version and phase), or empty (nothing changed) when there is no such row. The row
   * stays locked until the transaction ends. A caller that then finds it may not write (another
   * org's row, a finished execution) throws, and its transaction rolls back. The default reads
   * the head under its lock and touches it; the SQL backends run one
   * {@code UPDATE ... RETURNING}.
   */
  default Optional<StoredResourceHead> bumpVersion(Kind kind, String id, Instant at,
      String actor) {
    Optional<StoredResourceHead> found = findHeadForUpdate(kind, id);
    if (found.isEmpty()) {
      return found;
    }
    StoredResourceHead h = found.get();
    if (!touch(kind, id, h.version(), h.version() + 1, at, actor)) {
      throw new TransactionConflictException("the version of " + id
          + " changed after it was read; retry", null);
    }
    return Optional.of(h.withVersion(h.version() + 1));
  }

  /**
   * Sets version, updatedAt and updatedBy of a row if its version is {@code expectedVersion}; for
   * appends, where nothing else of the row changes.
   */
  boolean touch(Kind kind, String id, long expectedVersion, long newVersion, Instant at,
      String actor);

  /**
   * Deletes the row (and its child items and lease); when {@code expectedVersion} is non-null
   * only at that version.
   */
  boolean delete(Kind kind, String id, Long expectedVersion);

  /** Up to {@code query.limit()} rows matching the query, in its order, after its cursor. */
  List<StoredResource> list(Kind kind, StoredQuery query);

  /** How many rows match the query's filters (ignoring cursor and limit). */
  long count(Kind kind, StoredQuery query);

  /**
   * Groups the rows of {@code kind} matching {@code query}'s filters (the same conditions as
   * {@link #count}; the query's cursor and order are unused) and computes
   * {@code aggregation} in the database, ordered and limited as it says.
   */
  List<StoredAggregation.Row> aggregate(Kind kind, StoredQuery query,
      StoredAggregation aggregation);

  /**
   * Appends items at the end of a collection of the execution {@code id} of {@code org}, with
   * the sequences that follow its last item. Returns nothing: callers read sequences back
   * through {@link #items}. Every item write stores the org and the {@link ItemField} keys of
   * each item in the statements that store its body, so queries across executions
   * ({@link #itemsAcross}) find it through their indexes.
   */
  void appendItems(Kind kind, String id, String org, String collection, List<StoredItem> items);

  /**
   * Appends one item as {@link #appendItems} does, unless its key (when not null) is already
   * held in the collection, in which case nothing is written. Returns the sequence the item was
   * stored at, or empty when the key was held. The caller holds the execution's row lock, so
   * the key cannot be taken between the check and the write. This default looks the key up,
   * reads the last sequence and appends; a backend should do it in one statement (the SQL
   * backends: {@code INSERT ... ON CONFLICT DO NOTHING RETURNING}).
   */
  default OptionalLong appendItemUnlessKeyHeld(Kind kind, String id, String org,
      String collection, StoredItem item) {
    if (item.key() != null && itemByKey(kind, id, collection, item.key()).isPresent()) {
      return OptionalLong.empty();
    }
    long sequence = lastItemSequence(kind, id, collection) + 1;
    appendItems(kind, id, org, collection, List.of(item));
    return OptionalLong.of(sequence);
  }

  /** Replaces the item with {@code item.key()} in place (keeping its sequence) or appends it. */
  void upsertItem(Kind kind, String id, String org, String collection, StoredItem item);

  /** Replaces the whole collection with these items (sequences 1..n). */
  void replaceItems(Kind kind, String id, String org, String collection, List<StoredItem> items);

  /** The items of a collection for each of these resources, in sequence order. */
  Map<String, List<StoredItem>> items(Kind kind, Collection<String> ids, String collection);

  /**
   * The items of several collections for each of these resources: collection, then resource id,
   * then items in sequence order (a collection or resource without items may be absent). A
   * backend should answer in one round trip; this default asks once per collection.
   */
  default Map<String, Map<String, List<StoredItem>>> itemsOfCollections(Kind kind,
      Collection<String> ids, List<String> collections) {
    Map<String, Map<String, List<StoredItem>>> out = new java.util.HashMap<>();
    for (String c : collections) {
      out.put(c, items(kind, ids, c));
    }
    return out;
  }

  /**
   * Up to {@code limit} items of one resource's collection with a sequence above
   * {@code afterSequence}, in sequence order. A backend should serve it from its (resource,
   * collection, sequence) key; this default reads the whole collection.
   */
  default List<StoredItem> itemsAfter(Kind kind, String id, String collection,
      long afterSequence, int limit) {
    return items(kind, List.of(id), collection).getOrDefault(id, List.of()).stream()
        .filter(i -> i.sequence() > afterSequence).limit(limit).toList();
  }

  /** The item of one resource's collection held under {@code key}, if any. */
  default Optional<StoredItem> itemByKey(Kind kind, String id, String collection, String key) {
    return items(kind, List.of(id), collection).getOrDefault(id, List.of()).stream()
        .filter(i -> key.equals(i.key())).findFirst();
  }

  /** The highest sequence of one resource's collection, 0 when it has no items. */
  default long lastItemSequence(Kind kind, String id, String collection) {
    return items(kind, List.of(id), collection).getOrDefault(id, List.of()).stream()
        .mapToLong(StoredItem::sequence).max().orElse(0);
  }

  /**
   * Stores the first items of a collection of a resource inserted earlier in this transaction,
   * which has none yet, at sequences 1..n. A backend can skip what {@link #replaceItems} does to
   * clear the collection; this default calls it.
   */
  default void insertFirstItems(Kind kind, String id, String org, String collection,
      List<StoredItem> items) {
    replaceItems(kind, id, org, collection, items);
  }

  // ------------------------------------------------------------------ items across executions
  // (ExecutionItems: toolCallsAcross(), messagesAcross(), tasksAcross()). The query's filters
  // and the aggregation's paths name item fields under the root "status" (status.name is the
  // item's name); its executions part holds the conditions of list() on the executions. The
  // defaults refuse, so a backend without them fails loudly.

  /**
   * Up to {@code query.limit()} items of {@code query.collection()} of the executions of
   * {@code kind} matching {@code query.executions()}'s filters (org, labels, phase, references,
   * time bounds, spec/status filters; its cursor, order and limit are unused) and every item
   * filter, in (item time key, execution id, sequence) order after the query's cursor.
   */
  default List<StoredExecutionItem> itemsAcross(Kind kind, StoredItemsQuery query) {
    throw noItemsAcross();
  }

  /** How many items {@link #itemsAcross} would find without cursor and limit. */
  default long countItemsAcross(Kind kind, StoredItemsQuery query) {
    throw noItemsAcross();
  }

  /**
   * Groups the items {@link #countItemsAcross} counts and computes {@code aggregation} in the
   * database; its group keys are item paths (JSON), the org (ORG), or the phase (PHASE),
   * reference (REF), label (LABEL) or spec/status path (EXECUTION_JSON) of the item's
   * execution.
   */
  default List<StoredAggregation.Row> aggregateItemsAcross(Kind kind, StoredItemsQuery query,
      StoredAggregation aggregation) {
    throw noItemsAcross();
  }

  private static dev.agentstore.FailedPreconditionException noItemsAcross() {
    return new dev.agentstore.FailedPreconditionException("this backend does not support"
        + " queries over execution items across executions");
  }

  // ------------------------------------------------------------------ declared collections
  // (CollectionDefinition: keyed, append-only items under a declared kind's resources). The
  // defaults refuse, so a backend without them fails loudly rather than dropping items.

  /**
   * The items of a declared collection under {@code parentId} held under any of {@code keys}.
   */
  default List<StoredCollectionItem> collectionItemsByKey(Kind kind, String collection,
      String parentId, Collection<String> keys) {
    throw noCollections();
  }

  /**
   * Appends items to a declared collection under {@code parentId} (of {@code org}), with the
   * sequences that follow its last item, found through the (parent, sequence) key so that the
   * cost does not grow with the items held; returns them with their sequences. The caller has
   * locked the parent row, and no item holds any of their keys.
   */
  default List<StoredCollectionItem> appendCollectionItems(Kind kind, String collection,
      String parentId, String org, List<StoredCollectionItem> items) {
    throw noCollections();
  }

  /** The items of a declared collection under {@code parentId} that {@code query} selects. */
  default List<StoredCollectionItem> collectionItems(Kind kind, String collection,
      String parentId, StoredItemQuery query) {
    throw noCollections();
  }

  /** How many items of a declared collection under {@code parentId} {@code query} selects, ignoring its limit. */
  default long countCollectionItems(Kind kind, String collection, String parentId,
      StoredItemQuery query) {
    throw noCollections();
  }

  private static dev.agentstore.FailedPreconditionException noCollections() {
    return new dev.agentstore.FailedPreconditionException("this backend does not support"
        + " collections of declared kinds");
  }

  /**
   * Adds a history row to this transaction. It commits or rolls back with the transaction, this
   * transaction's own history reads see it, and it receives its store-wide sequence number no
   * later than commit, such that {@link #changesSince} never skips it (a backend where
   * transactions commit concurrently may insert history rows at commit time, in commit order).
   */
  void appendHistory(HistoryRecord record);

  /** Up to {@code limit} history rows of a resource with sequence above {@code afterSequence}, oldest first. */
  List<HistoryRecord> history(String resourceId, long afterSequence, int limit);

  /** The history row of one resource version (the newest, if the id was created again), if kept. */
  Optional<HistoryRecord> historyAt(String resourceId, long version);

  /**
   * Up to {@code limit} history rows with sequence above {@code afterSequence} in sequence order,
   * only {@code org}'s when it is non-null. As the first read of a read transaction (how the
   * change feed calls it) it never skips a row that commits later with a lower sequence than one
   * it returned; after other reads of the transaction it may answer from that transaction's
   * snapshot, consistent with what those reads saw.
   */
  List<HistoryRecord> changesSince(long afterSequence, String org, int limit);

  /**
   * Replaces the snapshot of the history row with this sequence number (its sequence, event,
   * version and timestamps stay). The facade uses it only to take secrets out of history: an
   * execution's runtimeEnv secrets when it finishes. Returns whether the row exists.
   */
  boolean replaceHistorySnapshot(long sequence, String snapshotJson);

  /**
   * Deletes up to {@code limit} history rows created before {@code before} (of {@code kind}
   * only, unless null), lowest sequences first, keeping every resource's latest row (its highest
   * sequence, so a deleted resource keeps its DELETED row); returns how many. The facade calls it
   * in separate transactions until fewer than {@code limit} go, so no transaction grows unbounded.
   */
  long pruneHistory(Instant before, Kind kind, int limit);

  /** Deletes every history row of one resource (deleted in this transaction); returns how many. */
  long deleteHistoryOf(String resourceId);

  /**
   * Leases up to {@code query.limit()} rows that match the query (its filters and order; no
   * cursor), skipping every row with a lease in force at {@code lease.claimedAt()} (its
   * {@code expiresAt} is later), to {@code lease.owner()} until {@code lease.expiresAt()}, and
   * returns the rows leased, in the query's order. Concurrent claimers never both receive a row:
   * an expired lease is replaced only if it is still expired when written (an upsert guarded by
   * the expiry), and a backend where claimers run concurrently should pass over rows another
   * claimer has locked (FOR UPDATE SKIP LOCKED) so that they take different ones. The template's
   * {@code resourceId} and {@code org} are ignored (each row supplies its own).
   */
  List<StoredResource> claim(Kind kind, StoredQuery query, StoredLease lease);

  /** The lease on a resource in force at {@code now}, if any (an expired row is none). */
  Optional<StoredLease> lease(String resourceId, Instant now);

  /**
   * Moves the end of {@code owner}'s lease on a resource to {@code expiresAt} if it is still in
   * force at {@code now}; false (changing nothing) when it expired or someone else holds it.
   */
  boolean renewLease(String resourceId, String owner, Instant now, Instant expiresAt);

  /** Removes {@code owner}'s lease on a resource; false when they held none. */
  boolean releaseLease(String resourceId, String owner);

  /** A store-wide setting, if set. */
  Optional<String> setting(String name);

  /** Sets a store-wide setting unless it is set; returns the value in force afterwards. */
  String settingIfAbsent(String name, String value);

  // ------------------------------------------------------------------ export and import
  // (store.exporter() / store.importer(), docs/portability.md). Resources are read with
  // list() in keyset pages, items with itemsOfCollections() and history with changesSince().

  /**
   * Every store-wide setting, by name (an export reads them all; there are a handful). The
   * default refuses, so a backend that cannot list them cannot be exported rather than losing
   * them silently.
   */
  default Map<String, String> settings() {
    throw new dev.agentstore.FailedPreconditionException("this backend cannot list its settings"
        + " (BackendTransaction.settings), so it cannot be exported");
  }

  /** Sets a store-wide setting, replacing any value (import only). The default refuses. */
  default void putSetting(String name, String value) {
    throw new dev.agentstore.FailedPreconditionException("this backend cannot replace settings"
        + " (BackendTransaction.putSetting), so it cannot be imported into");
  }

  /**
   * Removes a store-wide setting, if set (a finished copy removes its progress record). The
   * default refuses.
   */
  default void deleteSetting(String name) {
    throw new dev.agentstore.FailedPreconditionException("this backend cannot delete settings"
        + " (BackendTransaction.deleteSetting), so it cannot be copied into");
  }

  /**
   * Stores items of a collection of a resource inserted earlier in this transaction, keeping
   * their sequences (import). The default accepts only sequences 1..n, which
   * {@link #insertFirstItems} assigns; the store's own writes never leave gaps.
   */
  default void importItems(Kind kind, String id, String collection, List<StoredItem> items) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).sequence() != i + 1) {
        throw new dev.agentstore.InvalidArgumentException("items of " + id + " " + collection
            + ": sequence " + items.get(i).sequence() + " where " + (i + 1) + " was expected");
      }
    }
    insertFirstItems(kind, id, find(kind, id).map(StoredResource::org).orElseThrow(
        () -> new dev.agentstore.NotFoundException(kind, id, "import: no " + kind.kindName() + " "
            + id + " to hold its items")), collection, items);
  }

  /**
   * The change log of the application-defined kinds the store holds: every applied version of
   * every definition, by first-declared order then version (export). The default holds none.
   */
  default List<StoredKindChange> kindChanges() {
    return List.of();
  }

  /**
   * Makes the store's kind definitions and their change log those of {@code log} (import into an
   * empty store, before any row of those kinds): a kind the store does not hold is created with
   * the definition its log ends with (its table, keys, checks, indexes and collections), one it
   * holds with that same definition keeps its tables; then each kind's stored version, change
   * log and declared order become the log's. A kind the store holds with another definition is
   * refused ({@code FailedPreconditionException}, naming it). Returns every definition the store
   * holds afterwards, in first-declared order, served by this transaction from then on. The
   * default refuses a non-empty log.
   */
  default List<dev.agentstore.KindDefinition> importKindChanges(List<StoredKindChange> log) {
    if (!log.isEmpty()) {
      throw new dev.agentstore.FailedPreconditionException("this backend does not support"
          + " application-defined kinds, so it cannot import them");
    }
    return List.of();
  }

  /**
   * Inserts new rows, as {@link #insert} does each (import and copy, which write many): a
   * backend should use as few round trips as it can. The default inserts them one by one.
   */
  default void insertAll(List<StoredResource> rows) {
    rows.forEach(this::insert);
  }

  /**
   * {@link #importItems} for the collections of several resources at once (import and copy): a
   * backend should store them in as few round trips as it can. The default calls
   * {@link #importItems} per group.
   */
  default void importItemGroups(Kind kind, List<StoredItem.Group> groups) {
    for (StoredItem.Group g : groups) {
      importItems(kind, g.id(), g.collection(), g.items());
    }
  }

  /**
   * Inserts history rows with the sequence numbers they carry (import into an empty store, in
   * ascending sequence), so that later appends receive higher numbers than any imported. The
   * default refuses.
   */
  default void importHistory(List<HistoryRecord> records) {
    throw new dev.agentstore.FailedPreconditionException("this backend cannot insert history"
        + " with its sequence numbers (BackendTransaction.importHistory), so it cannot be"
        + " imported into");
  }

  /**
   * Lets this write transaction's commit return before the database made it durable (copy,
   * whose every batch also records how far it got): the commit stays atomic, so a crash of the
   * database loses at most the last such transactions whole, their progress record with them,
   * and the next durable commit of the same session makes them durable too. The default changes
   * nothing (every commit waits).
   */
  default void commitWithoutWaitingForDurability() {}
}
