package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.AgentStores;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.KindDefinition;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.ProgressListener;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredCollectionItem;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredKindChange;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A store copied into another without an archive (docs/portability.md, "Copy"): the same rows,
 * conversions and re-sealing as export then import, read from one snapshot of the source and
 * written in batches, each its own target transaction that also records, in the target's
 * setting {@value #MARKER}, how far the copy got. A copy that stopped (a crash, a kill, a
 * listener that threw) therefore resumes after the last committed batch, with no duplicates and
 * nothing lost, provided the source is the same store and has not changed; the record goes when
 * the copy is complete.
 *
 * <p>Usage: {@code CopyReport r = StoreCopy.run(source, target, ProgressListener.NONE, 500);}
 */
public final class StoreCopy {
  /** The target setting that holds the progress of an unfinished copy. */
  static final String MARKER = "copy.progress";

  private final StoreCore src;
  private final StoreCore dst;
  private final ProgressListener listener;
  private final int batch;
  /**
   * Commits the batches, one at a time in order, while this thread reads and converts the next
   * one from the source (the two databases work at once instead of taking turns).
   */
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "agentstore-copy-writer");
    t.setDaemon(true);
    return t;
  });
  /** The batch being committed, or null. */
  private Future<?> pending;
  /** Tells the listener of the pending batch once it committed. */
  private Runnable afterPending;
  /** The progress once every batch handed to {@link #commit} has committed. */
  private ObjectNode state;
  private Portability.Sealing sealing;
  private long bytes;
  /** The source's declared kinds, as the target holds them once their section is copied. */
  private List<KindDefinition> declared = List.of();

  private StoreCopy(StoreCore src, StoreCore dst, ProgressListener listener, int batch) {
    this.src = src;
    this.dst = dst;
    this.listener = listener;
    this.batch = batch;
  }

  /**
   * Copies {@code from} into {@code to}, or resumes an unfinished copy of {@code from} there.
   * Refused (nothing changed) when {@code to} is not empty and holds no unfinished copy of
   * {@code from}, or when {@code from} changed since that copy started.
   */
  public static AgentStores.CopyReport run(AgentStore from, AgentStore to,
      ProgressListener listener, int batch) {
    View source = viewOf(from, "from");
    View target = viewOf(to, "to");
    Portability.requireWholeStore(source, "copy");
    Portability.requireWholeStore(target, "copy");
    if (source.core() == target.core()) {
      throw new InvalidArgumentException("copy: the source and the target are the same store");
    }
    StoreCopy copy = new StoreCopy(source.core(), target.core(),
        Portability.requireListener(listener), batch);
    try {
      return source.core().backend.read(copy::copy);
    } finally {
      copy.stopWriter();
    }
  }

  /** Lets a batch still being committed (after a failure elsewhere) finish, then stops. */
  private void stopWriter() {
    try {
      if (pending != null) {
        pending.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // already reported, or superseded by the failure that ended the copy
    } finally {
      writer.shutdown();
    }
  }

  /**
   * Waits until the batch being committed has committed (rethrowing its failure), then tells
   * the listener about it.
   */
  private void drain() {
    if (pending == null) {
      return;
    }
    Future<?> f = pending;
    Runnable after = afterPending;
    pending = null;
    afterPending = null;
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("copy: interrupted while a batch was committed", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("copy: a batch failed: " + e.getCause(), e.getCause());
    }
    after.run();
  }

  private static View viewOf(AgentStore store, String which) {
    if (store instanceof DefaultAgentStore d) {
      return d.view();
    }
    throw new InvalidArgumentException("copy: " + which + " must be a store opened with"
        + " AgentStore.open or AgentStore.builder(), got " + store);
  }

  private AgentStores.CopyReport copy(BackendTransaction stx) {
    Map<String, String> settings = new TreeMap<>(stx.settings());
    if (settings.containsKey(MARKER)) {
      throw new FailedPreconditionException("copy: the source is itself an unfinished copy;"
          + " finish that copy first; nothing was copied");
    }
    String fingerprint = fingerprint(settings.remove(StoreOpener.PAGE_TOKEN_KEY));
    if (dst.backend.read(tx -> tx.setting(StoreOpener.PAGE_TOKEN_KEY)).map(StoreCopy::fingerprint)
        .filter(fingerprint::equals).isPresent()) {
      throw new InvalidArgumentException("copy: the source and the target are the same store");
    }
    long history = highestSequence(stx);
    boolean resumed = start(fingerprint, history);
    sealing = Portability.Sealing.settle("copy", dst, settings,
        () -> src.secrets.tink(), "the source store has no key to open them with");
    if (dst.artifacts == null && src.artifacts != null
        && !src.artifacts.list("", null, 1).items().isEmpty()) {
      throw new FailedPreconditionException("copy: the source holds artifacts but the target has"
          + " no artifact store configured; nothing was copied");
    }
    if (!resumed) {
      commit(Portability.SETTINGS, settings.size(), null, true, -1, tx -> {
        Portability.requireEmpty(tx, dst, "copy");
        sealing.put(tx, dst, settings);
      });
      drain(); // a target that is not empty is refused before anything else is read
    }
    if (sealing.hashKey() != null) {
      dst.secrets.adoptHashKey(sealing.hashKey());
    }
    copyKinds(stx);
    for (Kind kind : Portability.kindOrder(declared)) {
      copyResources(stx, kind);
    }
    for (Kind kind : Portability.kindOrder()) {
      if (!ExecutionCollections.of(kind).isEmpty()) {
        copyItems(stx, kind);
      }
    }
    for (KindDefinition d : declared) {
      for (CollectionDefinition c : d.collections()) {
        copyCollection(stx, d.kind(), c);
      }
    }
    copyHistory(stx);
    drain();
    copyArtifacts();
    drain(); // the artifacts' record is committed before the record goes
    dst.backend.write(tx -> {
      tx.deleteSetting(MARKER);
      return null;
    });
    Map<String, Long> copied = new LinkedHashMap<>();
    state.path("copied").fields().forEachRemaining(e -> copied.put(e.getKey(),
        e.getValue().asLong()));
    return new AgentStores.CopyReport(resumed, history, copied, bytes);
  }

  /**
   * Reads the target's progress record: a resumable copy of this source (true), or none and an
   * empty target (false); anything else is refused before anything is written.
   */
  private boolean start(String fingerprint, long history) {
    Optional<String> marker = dst.backend.read(tx -> tx.setting(MARKER));
    if (marker.isEmpty()) {
      dst.backend.read(tx -> {
        Portability.requireEmpty(tx, dst, "copy");
        return null;
      });
      state = Json.nodes().objectNode();
      state.put("source", fingerprint);
      state.put("sourceHistory", history);
      state.putArray("done");
      state.putObject("at");
      state.putObject("copied");
      return false;
    }
    state = (ObjectNode) Json.parseTrusted(marker.get());
    if (!fingerprint.equals(state.path("source").asText())) {
      throw new FailedPreconditionException("copy: the target holds an unfinished copy of"
          + " another store (source " + state.path("source").asText() + ", this source is "
          + fingerprint + "); resume it from that store, or copy into a new empty store;"
          + " nothing was copied");
    }
    long then = state.path("sourceHistory").asLong();
    if (then != history) {
      throw new FailedPreconditionException("copy: the source changed since this copy started"
          + " (its history was at sequence " + then + ", now " + history + "), so the copy"
          + " cannot be resumed; copy into a new empty store; nothing was copied");
    }
    return true;
  }

  /** A store's identity: a digest of its page-token key, which is random per store. */
  private static String fingerprint(String pageTokenKey) {
    if (pageTokenKey == null) {
      throw new FailedPreconditionException("copy: the source has no page-token key to tell it"
          + " by (was it opened?)");
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("agentstore-copy-source:"
          + pageTokenKey).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** The highest history sequence (0 without history), by doubling then halving. */
  static long highestSequence(BackendTransaction tx) {
    if (tx.changesSince(0, null, 1).isEmpty()) {
      return 0;
    }
    long lo = 0; // some sequence > lo exists
    long hi = 1;
    while (!tx.changesSince(hi, null, 1).isEmpty()) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1) { // a sequence > lo exists, none > hi
      long mid = lo + (hi - lo) / 2;
      if (tx.changesSince(mid, null, 1).isEmpty()) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private boolean done(String section) {
    for (JsonNode d : state.path("done")) {
      if (d.asText().equals(section)) {
        return true;
      }
    }
    return false;
  }

  private long copied(String section) {
    return state.path("copied").path(section).asLong(0);
  }

  /**
   * Hands one batch and the progress it makes to the writer, to commit in one target
   * transaction after the batch before it, and returns; the listener hears of it once it
   * committed (at the next commit or {@link #drain}), on this thread.
   */
  private void commit(String section, long added, ObjectNode at, boolean finished, long total,
      Consumer<BackendTransaction> work) {
    ObjectNode next = state.deepCopy();
    ((ObjectNode) next.get("copied")).put(section, copied(section) + added);
    if (at != null) {
      ((ObjectNode) next.get("at")).set(section, at);
    }
    if (finished) {
      ((ObjectNode) next.get("at")).remove(section);
      next.withArray("done").add(section);
    }
    String json = Json.write(next);
    drain();
    state = next;
    ProgressListener.Progress progress = new ProgressListener.Progress(section,
        copied(section), total, bytes);
    afterPending = () -> listener.progress(progress);
    pending = writer.submit(() -> dst.backend.write(tx -> {
      // Each batch commits with its own progress record, so a batch lost with the database's
      // last unflushed commits is copied again on resume; the final (durable) commit of the
      // copy makes them all durable.
      tx.commitWithoutWaitingForDurability();
      work.accept(tx);
      tx.putSetting(MARKER, json);
      return null;
    }));
  }

  /**
   * Declares the source's kinds in the target with their change log, in one batch (before any
   * of their rows), and serves them from the target store.
   */
  private void copyKinds(BackendTransaction stx) {
    List<StoredKindChange> log = stx.kindChanges();
    if (log.isEmpty()) {
      return;
    }
    declared = Portability.definitions(log);
    if (!done(Portability.KINDS)) {
      commit(Portability.KINDS, log.size(), null, true, log.size(),
          tx -> tx.importKindChanges(log));
      drain();
    }
    dst.adoptKinds(dst.backend.storedKinds());
  }

  private void copyCollection(BackendTransaction stx, Kind kind, CollectionDefinition c) {
    String section = Portability.collectionsSection(kind, c.name());
    if (done(section)) {
      return;
    }
    int parents = Math.max(1, batch / 10);
    JsonNode at = state.path("at").path(section);
    StoredQuery.Cursor after = at.isMissingNode() ? null : cursor(at);
    while (true) {
      List<StoredResource> page = stx.list(kind, StoredQuery.builder(parents).after(after)
          .build());
      // per parent: its org, then its items and their sequences, in order
      Map<StoredResource, List<StoredCollectionItem>> items = new LinkedHashMap<>();
      try {
        Portability.forEachCollectionItem(stx, kind, c.name(), page, (parent, item) ->
            items.computeIfAbsent(parent, p -> new ArrayList<>()).add(item));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long n = items.values().stream().mapToLong(List::size).sum();
      boolean last = page.size() < parents;
      StoredResource end = page.isEmpty() ? null : page.get(page.size() - 1);
      commit(section, n, end == null ? null : position(end), last, -1, tx ->
          items.forEach((parent, list) -> {
            List<StoredCollectionItem> rows = new ArrayList<>(list.size());
            List<Long> sequences = new ArrayList<>(list.size());
            for (StoredCollectionItem i : list) {
              rows.add(Portability.collectionItemOf(c, Portability.collectionLine(parent.id(),
                  parent.org(), i)));
              sequences.add(i.sequence());
            }
            Portability.appendCollection(tx, kind, c.name(), parent.id(), parent.org(), rows,
                sequences, section);
          }));
      if (last) {
        return;
      }
      after = new StoredQuery.Cursor(end.createdAt(), end.id());
    }
  }

  private void copyResources(BackendTransaction stx, Kind kind) {
    String section = Portability.resourcesSection(kind);
    if (done(section)) {
      return;
    }
    long total = stx.count(kind, StoredQuery.builder(1).build());
    JsonNode at = state.path("at").path(section);
    StoredQuery.Cursor after = at.isMissingNode() ? null : cursor(at);
    while (true) {
      List<StoredResource> page = stx.list(kind,
          StoredQuery.builder(batch).after(after).build());
      List<StoredResource> rows = new ArrayList<>(page.size());
      for (StoredResource r : page) {
        ObjectNode line = Portability.resourceLine(r);
        sealing.reseal(dst, kind, r.id(), line.get("spec"));
        rows.add(Portability.resourceOf(kind, line));
      }
      boolean last = page.size() < batch;
      StoredResource end = page.isEmpty() ? null : page.get(page.size() - 1);
      commit(section, rows.size(), end == null ? null : position(end), last, total,
          tx -> tx.insertAll(rows));
      if (last) {
        return;
      }
      after = new StoredQuery.Cursor(end.createdAt(), end.id());
    }
  }

  private void copyItems(BackendTransaction stx, Kind kind) {
    String section = Portability.itemsSection(kind);
    if (done(section)) {
      return;
    }
    List<String> collections = ExecutionCollections.of(kind);
    int executions = Math.max(1, batch / 10);
    JsonNode at = state.path("at").path(section);
    StoredQuery.Cursor after = at.isMissingNode() ? null : cursor(at);
    while (true) {
      List<StoredResource> page = stx.list(kind,
          StoredQuery.builder(executions).after(after).build());
      List<String> ids = page.stream().map(StoredResource::id).toList();
      Map<String, Map<String, List<StoredItem>>> items = ids.isEmpty() ? Map.of()
          : stx.itemsOfCollections(kind, ids, collections);
      List<StoredItem.Group> groups = new ArrayList<>();
      long n = 0;
      for (String id : ids) {
        for (String c : collections) {
          List<StoredItem> list = new ArrayList<>();
          for (StoredItem i : items.getOrDefault(c, Map.of()).getOrDefault(id, List.of())) {
            list.add(StoredItem.stored(i.sequence(), i.key(),
                Json.write(Portability.doc(i.json()))));
          }
          if (!list.isEmpty()) {
            groups.add(new StoredItem.Group(id, c, list));
            n += list.size();
          }
        }
      }
      boolean last = page.size() < executions;
      StoredResource end = page.isEmpty() ? null : page.get(page.size() - 1);
      commit(section, n, end == null ? null : position(end), last, -1,
          tx -> tx.importItemGroups(kind, groups));
      if (last) {
        return;
      }
      after = new StoredQuery.Cursor(end.createdAt(), end.id());
    }
  }

  private void copyHistory(BackendTransaction stx) {
    String section = Portability.HISTORY;
    if (done(section)) {
      return;
    }
    long after = state.path("at").path(section).path("seq").asLong(0);
    while (true) {
      List<HistoryRecord> page = stx.changesSince(after, null, batch);
      List<HistoryRecord> rows = new ArrayList<>(page.size());
      for (HistoryRecord r : page) {
        ObjectNode line = Portability.historyLine(r);
        JsonNode snapshot = line.get("snapshot");
        if (snapshot != null) {
          sealing.reseal(dst, r.kind(), r.resourceId(), snapshot.get("spec"));
        }
        rows.add(Portability.historyOf(line, declared));
        after = r.sequence();
      }
      boolean last = page.size() < batch;
      ObjectNode at = Json.nodes().objectNode().put("seq", after);
      commit(section, rows.size(), at, last, -1, tx -> {
        if (!rows.isEmpty()) {
          tx.importHistory(rows);
        }
      });
      if (last) {
        return;
      }
    }
  }

  /**
   * Copies every artifact the target does not hold with the same digest. Artifacts are outside
   * the database transactions, so a resumed copy checks each instead of trusting a position.
   */
  private void copyArtifacts() {
    String section = Portability.ARTIFACTS;
    ArtifactStore from = src.artifacts;
    if (done(section) || from == null) {
      return;
    }
    long[] n = {0};
    try {
      Portability.forEachArtifact(from, info -> {
        Optional<ArtifactInfo> there = dst.artifacts.head(info.key());
        if (there.isEmpty() || !there.get().sha256().equals(info.sha256())) {
          ArtifactPutOptions.Builder options = ArtifactPutOptions.builder()
              .contentType(info.contentType()).expectedSha256(info.sha256());
          info.metadata().forEach(options::metadata);
          try (InputStream in = from.get(info.key())) {
            dst.artifacts.put(info.key(), in, options.build());
          }
          bytes += info.size();
        }
        n[0]++;
        listener.progress(new ProgressListener.Progress(section, n[0], -1, bytes));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("copy: cannot read an artifact: " + e.getMessage(), e);
    }
    long count = n[0];
    commit(section, count - copied(section), null, true, -1, tx -> {});
  }

  private static ObjectNode position(StoredResource r) {
    return Json.nodes().objectNode().put("createdAt", r.createdAt().toString())
        .put("id", r.id());
  }

  private static StoredQuery.Cursor cursor(JsonNode at) {
    return new StoredQuery.Cursor(Instant.parse(at.get("createdAt").asText()),
        at.get("id").asText());
  }
}
