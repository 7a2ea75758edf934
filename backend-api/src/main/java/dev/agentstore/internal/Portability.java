package dev.agentstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.ArchiveSummary;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.KindDefinition;
import dev.agentstore.Exporter;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.Importer;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.ProgressListener;
import dev.agentstore.RefField;
import dev.agentstore.SecretsException;
import dev.agentstore.artifact.ArtifactInfo;
import dev.agentstore.artifact.ArtifactPage;
import dev.agentstore.artifact.ArtifactPutOptions;
import dev.agentstore.artifact.ArtifactStore;
import dev.agentstore.artifact.ArtifactSummary;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.secret.KeyProvider;
import dev.agentstore.secret.SecretKeys;
import dev.agentstore.spi.BackendTransaction;
import dev.agentstore.spi.HistoryRecord;
import dev.agentstore.spi.StoredCollectionItem;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredItemQuery;
import dev.agentstore.spi.StoredKindChange;
import dev.agentstore.spi.StoredQuery;
import dev.agentstore.spi.StoredResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The agentstore archive (docs/portability.md): export of a whole store to a zip of canonical
 * NDJSON sections closed by a manifest, and import of one into an empty store in a single write
 * transaction. Both stream: resources in keyset pages, items per page of executions, history in
 * sequence pages, artifacts blob by blob.
 *
 * <p>Usage: {@code Portability.exporter(view).to(out)}
 */
final class Portability {
  static final String FORMAT = "agentstore-archive";
  static final int VERSION = 2;
  /** The oldest format this version reads: format 1 is format 2 without declared kinds. */
  static final int OLDEST_VERSION = 1;
  static final String FORMAT_ENTRY = "format.json";
  static final String MANIFEST_ENTRY = "manifest.json";
  static final String SETTINGS = "settings";
  static final String HISTORY = "history";
  static final String ARTIFACTS = "artifacts";
  static final String KINDS = "kinds";
  private static final int PAGE = 500;
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

  private Portability() {}

  /**
   * The summary an export of {@code view} would return, without writing it anywhere: the same
   * rows read and digested, but artifacts' bytes neither read nor compressed (their section's
   * digest covers their descriptions, which carry the SHA-256 of the bytes).
   */
  static ArchiveSummary summarize(View view) {
    requireWholeStore(view, "verify");
    return view.core().backend.read(tx -> new Writer(view.core(), OutputStream.nullOutputStream(),
        ProgressListener.NONE, false).write(tx));
  }

  static Exporter exporter(View view) {
    return new Exporter() {
      private ProgressListener listener = ProgressListener.NONE;

      @Override
      public Exporter progress(ProgressListener progress) {
        this.listener = requireListener(progress);
        return this;
      }

      @Override
      public ArchiveSummary to(OutputStream out) {
        requireWholeStore(view, "export");
        return view.core().backend.read(tx -> new Writer(view.core(), out, listener, true)
            .write(tx));
      }
    };
  }

  static ProgressListener requireListener(ProgressListener listener) {
    if (listener == null) {
      throw new InvalidArgumentException("progress", "required (ProgressListener.NONE for none)");
    }
    return listener;
  }

  static Importer importer(View view) {
    return new Importer() {
      private KeyProvider sourceKeys;
      private ProgressListener listener = ProgressListener.NONE;

      @Override
      public Importer progress(ProgressListener progress) {
        this.listener = requireListener(progress);
        return this;
      }

      @Override
      public Importer sourceKeys(KeyProvider source) {
        if (source == null) {
          throw new InvalidArgumentException("sourceKeys", "required");
        }
        this.sourceKeys = source;
        return this;
      }

      @Override
      public ArchiveSummary from(InputStream in) {
        requireWholeStore(view, "import");
        if (in == null) {
          throw new InvalidArgumentException("in", "required");
        }
        return new Reader(view.core(), sourceKeys, listener).read(in);
      }
    };
  }

  static void requireWholeStore(View view, String what) {
    if (view.org() != null) {
      throw new InvalidArgumentException(what + ": an archive holds the whole store; call it on"
          + " the unscoped store, not forOrg(" + view.org() + ")");
    }
    if (!view.runner().ownsTransactions()) {
      throw new FailedPreconditionException(what + " runs its own transaction and cannot run"
          + " inside inTransaction");
    }
  }

  /**
   * The kinds in an order where every row's references come before it (organizations first,
   * executions before the contexts that point at them, environments before the instances that
   * list them), otherwise in {@link Kind#resourceKinds()} order.
   */
  static List<Kind> kindOrder() {
    List<Kind> all = Kind.resourceKinds();
    List<Kind> out = new ArrayList<>();
    while (out.size() < all.size()) {
      boolean progressed = false;
      for (Kind k : all) {
        if (!out.contains(k) && out.containsAll(dependencies(k, all))) {
          out.add(k);
          progressed = true;
        }
      }
      if (!progressed) { // a cycle cannot be ordered: keep the declared order for the rest
        all.stream().filter(k -> !out.contains(k)).forEach(out::add);
      }
    }
    return out;
  }

  private static Set<Kind> dependencies(Kind kind, List<Kind> all) {
    Set<Kind> deps = new HashSet<>();
    if (kind.scope() == Kind.Scope.ORG) {
      deps.add(Kind.ORGANIZATION);
    }
    for (RefField f : kind.refFields()) {
      if (f.target() != null && f.target() != kind) {
        deps.add(f.target());
      }
      if (f == RefField.EXECUTION_ID) {
        all.stream().filter(Kind::isExecution).forEach(deps::add);
      }
    }
    if (ResourceCodec.environmentRefs(kind, Json.nodes().objectNode()) != null) {
      deps.add(Kind.ENVIRONMENT);
    }
    deps.remove(kind);
    return deps;
  }

  /** {@code resources/Agent} for a built-in kind, {@code resources/group/Kind} for a declared one. */
  static String resourcesSection(Kind kind) {
    return "resources/" + (kind.isBuiltIn() ? kind.kindName() : kind.name());
  }

  /** {@code collections/group/Kind/name}: the items of a declared kind's collection. */
  static String collectionsSection(Kind kind, String collection) {
    return "collections/" + kind.name() + "/" + collection;
  }

  /**
   * The definitions a kind change log ends with, in first-declared order, each reading the
   * kinds it references from those before it.
   */
  static List<KindDefinition> definitions(List<StoredKindChange> log) {
    Map<String, StoredKindChange> last = new LinkedHashMap<>();
    log.stream().sorted(java.util.Comparator.comparingLong(StoredKindChange::declaredOrder)
            .thenComparingLong(StoredKindChange::version))
        .forEach(c -> last.put(c.name(), c));
    Map<String, Kind> resolved = new HashMap<>();
    List<KindDefinition> out = new ArrayList<>();
    for (StoredKindChange c : last.values()) {
      KindDefinition d = KindDefinition.fromJson(Json.parseTrusted(c.definitionJson()), resolved);
      resolved.put(d.kind().name(), d.kind());
      out.add(d);
    }
    return out;
  }

  /** The built-in kinds in reference order, then the declared ones in first-declared order. */
  static List<Kind> kindOrder(List<KindDefinition> declared) {
    List<Kind> out = new ArrayList<>(kindOrder());
    declared.forEach(d -> out.add(d.kind()));
    return out;
  }

  /** The kind a history row names: a built-in one or one of {@code declared}. */
  static Kind kindNamed(String name, List<KindDefinition> declared) {
    for (KindDefinition d : declared) {
      if (d.kind().name().equals(name)) {
        return d.kind();
      }
    }
    return Kind.fromName(name);
  }

  static String itemsSection(Kind kind) {
    return "items/" + kind.kindName();
  }

  /** The canonical form of a JSON value: object members sorted by name, decimals normalised. */
  static JsonNode canonical(JsonNode n) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      n.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      ObjectNode o = Json.nodes().objectNode();
      sorted.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = Json.nodes().arrayNode();
      n.forEach(el -> a.add(canonical(el)));
      return a;
    }
    if (n.isNumber() && !n.isIntegralNumber()) {
      // PostgreSQL's jsonb prints 1.0E-5 as 0.000010: one spelling per value on every backend.
      BigDecimal d = n.decimalValue().stripTrailingZeros();
      return d.scale() <= 0 && d.precision() - d.scale() <= 18
          ? Json.nodes().numberNode(d.longValueExact()) : Json.nodes().numberNode(d);
    }
    return n;
  }

  static JsonNode doc(String json) {
    return json == null ? Json.nodes().nullNode() : canonical(Json.parseTrusted(json));
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static byte[] line(ObjectNode node) {
    return Json.write(canonical(node)).getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ digests

  /** Count and order-independent digest of one section. */
  static final class Digest {
    private final MessageDigest sha256;
    private long count;
    private BigInteger sum = BigInteger.ZERO;

    Digest() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is unavailable", e);
      }
    }

    void add(byte[] line) {
      sum = sum.add(new BigInteger(1, sha256.digest(line))).mod(MODULUS);
      count++;
    }

    ArchiveSummary.Section section() {
      String hex = sum.toString(16);
      return new ArchiveSummary.Section(count, "0".repeat(64 - hex.length()) + hex);
    }
  }

  private static ArchiveSummary.Section parseSection(JsonNode n) {
    return new ArchiveSummary.Section(n.path("count").asLong(-1), n.path("digest").asText(""));
  }

  // ------------------------------------------------------------------ rows as lines

  static ObjectNode resourceLine(StoredResource r) {
    ObjectNode o = Json.nodes().objectNode();
    o.put("id", r.id());
    o.put("org", r.org());
    o.put("slug", r.slug());
    o.put("name", r.name());
    o.put("version", r.version());
    o.set("labels", doc(r.labelsJson()));
    o.set("metadata", doc(r.metadataJson()));
    o.set("spec", doc(r.specJson()));
    o.set("status", doc(r.statusJson()));
    o.put("phase", r.phase());
    ObjectNode refs = o.putObject("refs");
    r.refs().forEach((f, v) -> refs.put(f.name(), v));
    o.put("createdAt", r.createdAt().toString());
    o.put("updatedAt", r.updatedAt().toString());
    o.put("createdBy", r.createdBy());
    o.put("updatedBy", r.updatedBy());
    return o;
  }

  static StoredResource resourceOf(Kind kind, JsonNode o) {
    Map<RefField, String> refs = new HashMap<>();
    o.path("refs").fields().forEachRemaining(e -> refs.put(RefField.valueOf(e.getKey()),
        e.getValue().asText()));
    ObjectNode spec = (ObjectNode) o.get("spec");
    ResourceCodec.checkStoredExpiry(o.get("metadata"), "archive: " + kind.name() + " "
        + Messages.clip(o.path("id").asText()));
    return StoredResource.builder(kind, o.get("id").asText()).org(text(o.get("org")))
        .slug(text(o.get("slug"))).name(text(o.get("name"))).version(o.get("version").asLong())
        .labelsJson(Json.write(o.get("labels"))).metadataJson(Json.write(o.get("metadata")))
        .specJson(Json.write(spec)).statusJson(Json.write(o.get("status")))
        .phase(text(o.get("phase"))).refs(refs)
        .createdAt(Instant.parse(o.get("createdAt").asText()))
        .updatedAt(Instant.parse(o.get("updatedAt").asText()))
        .createdBy(text(o.get("createdBy"))).updatedBy(text(o.get("updatedBy")))
        .environmentRefs(ResourceCodec.environmentRefs(kind, spec)).build();
  }

  static ObjectNode historyLine(HistoryRecord r) {
    ObjectNode o = Json.nodes().objectNode();
    o.put("seq", r.sequence());
    o.put("id", r.id());
    o.put("kind", r.kind().name());
    o.put("resourceId", r.resourceId());
    o.put("org", r.org());
    o.put("resourceVersion", r.resourceVersion());
    o.put("event", r.event().name());
    o.set("snapshot", doc(r.snapshotJson()));
    o.put("actor", r.actor());
    o.put("message", r.message());
    o.put("createdAt", r.createdAt().toString());
    return o;
  }

  static HistoryRecord historyOf(JsonNode o, List<KindDefinition> declared) {
    return HistoryRecord.builder().sequence(o.get("seq").asLong()).id(o.get("id").asText())
        .kind(kindNamed(o.get("kind").asText(), declared))
        .resourceId(o.get("resourceId").asText())
        .org(text(o.get("org"))).resourceVersion(o.get("resourceVersion").asLong())
        .event(ChangeEvent.valueOf(o.get("event").asText()))
        .snapshotJson(Json.write(o.get("snapshot"))).actor(text(o.get("actor")))
        .message(text(o.get("message"))).createdAt(Instant.parse(o.get("createdAt").asText()))
        .build();
  }

  static ObjectNode kindLine(StoredKindChange c) {
    ObjectNode o = Json.nodes().objectNode();
    o.put("kind", c.name());
    o.put("version", c.version());
    o.set("definition", doc(c.definitionJson()));
    o.put("appliedAt", c.appliedAt().toString());
    o.put("declaredOrder", c.declaredOrder());
    return o;
  }

  static StoredKindChange kindChangeOf(JsonNode o) {
    if (!o.get("definition").isObject()) {
      throw new IllegalArgumentException("definition is not an object");
    }
    return new StoredKindChange(o.get("kind").asText(), o.get("version").asLong(),
        Json.write(o.get("definition")), Instant.parse(o.get("appliedAt").asText()),
        o.get("declaredOrder").asLong());
  }

  static ObjectNode collectionLine(String parentId, String org, StoredCollectionItem i) {
    ObjectNode o = Json.nodes().objectNode();
    o.put("parent", parentId);
    o.put("org", org);
    o.put("seq", i.sequence());
    o.put("key", i.key());
    o.set("body", doc(i.json()));
    o.put("createdAt", i.createdAt() == null ? null : i.createdAt().toString());
    o.put("createdBy", i.createdBy());
    return o;
  }

  /** An item to append as read from its line, with the keys of its declared fields. */
  static StoredCollectionItem collectionItemOf(CollectionDefinition c, JsonNode o) {
    ObjectNode body = (ObjectNode) o.get("body");
    JsonNode at = o.get("createdAt");
    return StoredCollectionItem.toAppend(text(o.get("key")), Json.write(body),
        CollectionRepo.keysOf(c, body), at == null || at.isNull() ? null
            : Instant.parse(at.asText()), text(o.get("createdBy")));
  }

  /**
   * Every item of one declared collection under each of {@code parents}, to {@code each} in
   * sequence order, read in pages of {@value #PAGE} by sequence.
   */
  static void forEachCollectionItem(BackendTransaction tx, Kind kind, String collection,
      List<StoredResource> parents, CollectionWork each) throws IOException {
    for (StoredResource p : parents) {
      long after = 0;
      while (true) {
        List<StoredCollectionItem> page = tx.collectionItems(kind, collection, p.id(),
            new StoredItemQuery(after, PAGE, List.of()));
        for (StoredCollectionItem i : page) {
          each.accept(p, i);
          after = i.sequence();
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
  }

  /** Work on one collection item under its parent that may write to a stream. */
  @FunctionalInterface
  interface CollectionWork {
    void accept(StoredResource parent, StoredCollectionItem item) throws IOException;
  }

  /**
   * Appends to a declared collection items read from an archive or a source, refusing any whose
   * sequence the target would not give it (the items under each parent go in order, 1, 2, ...).
   */
  static void appendCollection(BackendTransaction tx, Kind kind, String collection,
      String parentId, String org, List<StoredCollectionItem> items, List<Long> sequences,
      String section) {
    List<StoredCollectionItem> stored = tx.appendCollectionItems(kind, collection, parentId, org,
        items);
    for (int i = 0; i < stored.size(); i++) {
      if (stored.get(i).sequence() != sequences.get(i)) {
        throw new InvalidArgumentException("archive: " + section + ": item " + sequences.get(i)
            + " of " + parentId + " would be stored at sequence " + stored.get(i).sequence()
            + " (sequences must run 1, 2, ... under each parent); nothing was imported");
      }
    }
  }

  // ------------------------------------------------------------------ export

  /** Writes one archive from one read transaction. */
  private static final class Writer {
    private final StoreCore core;
    private final ZipOutputStream zip;
    private final ProgressListener listener;
    /** Whether artifacts' bytes are written (false: a summary only). */
    private final boolean artifactBytes;
    private final Map<String, ArchiveSummary.Section> sections = new LinkedHashMap<>();
    private String section;
    private long total = -1;
    private long bytes;

    Writer(StoreCore core, OutputStream out, ProgressListener listener, boolean artifactBytes) {
      this.core = core;
      this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
      this.listener = listener;
      this.artifactBytes = artifactBytes;
    }

    /** Starts reporting {@code name}, which holds {@code records} (-1: not known). */
    private void begin(String name, long records) {
      section = name;
      total = records;
    }

    private void end(Digest d) {
      listener.progress(new ProgressListener.Progress(section, d.count, total, bytes));
      sections.put(section, d.section());
    }

    ArchiveSummary write(BackendTransaction tx) {
      try {
        ObjectNode format = Json.nodes().objectNode();
        format.put("format", FORMAT);
        format.put("formatVersion", VERSION);
        entry(FORMAT_ENTRY);
        zip.write(line(format));
        zip.closeEntry();
        writeSettings(tx);
        List<StoredKindChange> log = tx.kindChanges();
        List<KindDefinition> declared = definitions(log);
        if (!log.isEmpty()) { // only then: an archive without declared kinds reads as format 1
          writeKinds(log);
        }
        for (Kind kind : kindOrder(declared)) {
          writeResources(tx, kind);
        }
        for (Kind kind : kindOrder()) {
          if (!ExecutionCollections.of(kind).isEmpty()) {
            writeItems(tx, kind);
          }
        }
        for (KindDefinition d : declared) {
          for (CollectionDefinition c : d.collections()) {
            writeCollection(tx, d.kind(), c.name());
          }
        }
        long maxSeq = writeHistory(tx);
        writeArtifacts();
        ArchiveSummary summary = new ArchiveSummary(VERSION, maxSeq, sections);
        ObjectNode manifest = Json.nodes().objectNode();
        manifest.put("format", FORMAT);
        manifest.put("formatVersion", VERSION);
        manifest.put("createdAt", core.now().toString());
        manifest.put("historySequence", maxSeq);
        ObjectNode s = manifest.putObject("sections");
        sections.forEach((name, sec) -> {
          ObjectNode n = s.putObject(name);
          n.put("count", sec.count());
          n.put("digest", sec.digest());
        });
        entry(MANIFEST_ENTRY);
        zip.write(Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return summary;
      } catch (IOException e) {
        throw new UncheckedIOException("export: cannot write the archive: " + e.getMessage(), e);
      }
    }

    private void entry(String name) throws IOException {
      ZipEntry e = new ZipEntry(name);
      e.setTime(0); // the same store gives the same bytes
      zip.putNextEntry(e);
    }

    private void writeLine(Digest d, ObjectNode node) throws IOException {
      byte[] bytes = line(node);
      d.add(bytes);
      zip.write(bytes);
      zip.write('\n');
      if (d.count % PAGE == 0) {
        listener.progress(new ProgressListener.Progress(section, d.count, total, this.bytes));
      }
    }

    private void writeSettings(BackendTransaction tx) throws IOException {
      Digest d = new Digest();
      begin(SETTINGS, -1);
      entry(SETTINGS + ".ndjson");
      for (Map.Entry<String, String> e : new TreeMap<>(tx.settings()).entrySet()) {
        if (e.getKey().equals(StoreOpener.PAGE_TOKEN_KEY)) {
          continue; // each store signs its own page tokens; a plaintext key never leaves
        }
        ObjectNode o = Json.nodes().objectNode();
        o.put("name", e.getKey());
        o.put("value", e.getValue());
        writeLine(d, o);
      }
      zip.closeEntry();
      end(d);
    }

    private void writeKinds(List<StoredKindChange> log) throws IOException {
      Digest d = new Digest();
      begin(KINDS, log.size());
      entry(KINDS + ".ndjson");
      for (StoredKindChange c : log) {
        writeLine(d, kindLine(c));
      }
      zip.closeEntry();
      end(d);
    }

    private void writeCollection(BackendTransaction tx, Kind kind, String collection)
        throws IOException {
      Digest d = new Digest();
      String name = collectionsSection(kind, collection);
      begin(name, -1);
      entry(name + ".ndjson");
      forEachPage(tx, kind, 50, page -> forEachCollectionItem(tx, kind, collection, page,
          (parent, item) -> writeLine(d, collectionLine(parent.id(), parent.org(), item))));
      zip.closeEntry();
      end(d);
    }

    private void writeResources(BackendTransaction tx, Kind kind) throws IOException {
      Digest d = new Digest();
      begin(resourcesSection(kind), tx.count(kind, StoredQuery.builder(1).build()));
      entry(resourcesSection(kind) + ".ndjson");
      forEachPage(tx, kind, PAGE, page -> {
        for (StoredResource r : page) {
          writeLine(d, resourceLine(r));
        }
      });
      zip.closeEntry();
      end(d);
    }

    private void writeItems(BackendTransaction tx, Kind kind) throws IOException {
      Digest d = new Digest();
      List<String> collections = ExecutionCollections.of(kind);
      begin(itemsSection(kind), -1);
      entry(itemsSection(kind) + ".ndjson");
      // 50 executions per read: their items are read together
      forEachPage(tx, kind, 50, page -> {
        List<String> ids = page.stream().map(StoredResource::id).toList();
        Map<String, Map<String, List<StoredItem>>> items =
            tx.itemsOfCollections(kind, ids, collections);
        for (String id : ids) {
          for (String c : collections) {
            for (StoredItem i : items.getOrDefault(c, Map.of()).getOrDefault(id, List.of())) {
              ObjectNode o = Json.nodes().objectNode();
              o.put("execution", id);
              o.put("collection", c);
              o.put("seq", i.sequence());
              o.put("key", i.key());
              o.set("body", doc(i.json()));
              writeLine(d, o);
            }
          }
        }
      });
      zip.closeEntry();
      end(d);
    }

    /** Work on one page of rows that may write to the archive. */
    @FunctionalInterface
    interface PageWork {
      void accept(List<StoredResource> page) throws IOException;
    }

    /** Hands every row of {@code kind} to {@code work} in keyset pages of {@code size}. */
    static void forEachPage(BackendTransaction tx, Kind kind, int size, PageWork work)
        throws IOException {
      StoredQuery.Cursor after = null;
      while (true) {
        List<StoredResource> page = tx.list(kind, StoredQuery.builder(size).after(after).build());
        if (!page.isEmpty()) {
          work.accept(page);
        }
        if (page.size() < size) {
          return;
        }
        StoredResource last = page.get(page.size() - 1);
        after = new StoredQuery.Cursor(last.createdAt(), last.id());
      }
    }

    private long writeHistory(BackendTransaction tx) throws IOException {
      Digest d = new Digest();
      begin(HISTORY, -1);
      entry(HISTORY + ".ndjson");
      long after = 0;
      while (true) {
        List<HistoryRecord> page = tx.changesSince(after, null, PAGE);
        for (HistoryRecord r : page) {
          writeLine(d, historyLine(r));
          after = r.sequence();
        }
        if (page.size() < PAGE) {
          break;
        }
      }
      zip.closeEntry();
      end(d);
      return after;
    }

    private void writeArtifacts() throws IOException {
      Digest d = new Digest();
      begin(ARTIFACTS, -1);
      long[] n = {0};
      forEachArtifact(core.artifacts, info -> {
        ObjectNode o = Json.nodes().objectNode();
        o.put("key", info.key());
        o.put("size", info.size());
        o.put("sha256", info.sha256());
        o.put("contentType", info.contentType());
        ObjectNode meta = o.putObject("metadata");
        info.metadata().forEach(meta::put);
        n[0]++;
        entry(ARTIFACTS + "/" + n[0] + ".json");
        writeLine(d, o);
        zip.closeEntry();
        if (!artifactBytes) {
          return;
        }
        // Artifacts are mostly compressed already (images, archives, model output): the
        // fastest deflate level costs a fraction of the default's time for about the same size.
        zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
        entry(ARTIFACTS + "/" + n[0] + ".bin");
        try (InputStream in = core.artifacts.get(info.key())) {
          bytes += in.transferTo(zip);
        }
        zip.closeEntry();
        zip.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
      });
      end(d);
    }
  }

  /** Work on one artifact that may read or write streams. */
  @FunctionalInterface
  interface ArtifactWork {
    void accept(ArtifactInfo info) throws IOException;
  }

  /** Hands every artifact of {@code store} (none when null) to {@code work}, in list order. */
  static void forEachArtifact(ArtifactStore store, ArtifactWork work) throws IOException {
    String token = null;
    while (store != null) {
      ArtifactPage page = store.list("", token, 500);
      for (ArtifactSummary s : page.items()) {
        Optional<ArtifactInfo> head = store.head(s.key());
        if (head.isPresent()) { // else deleted since it was listed
          work.accept(head.get());
        }
      }
      token = page.nextPageToken().orElse(null);
      if (token == null) {
        return;
      }
    }
  }

  // ------------------------------------------------------------------ import

  /**
   * The caller's stream, remembering its last bytes: ZipInputStream reads entries one by one and
   * never the central directory, so a cut through the directory would pass unnoticed.
   */
  private static final class Tail extends java.io.FilterInputStream {
    private static final int KEEP = 22 + 65_535; // the end record and the longest comment
    private final byte[] ring = new byte[KEEP];
    private long total;

    Tail(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        ring[(int) (total++ % KEEP)] = (byte) b;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      for (int i = 0; i < n; i++) {
        ring[(int) (total++ % KEEP)] = b[off + i];
      }
      return n;
    }

    void drain() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // keeps the tail
      }
    }

    /** Whether a complete end-of-central-directory record closes what was read. */
    boolean endsWithCentralDirectory() {
      int have = (int) Math.min(total, KEEP);
      byte[] last = new byte[have];
      for (int i = 0; i < have; i++) {
        last[i] = ring[(int) ((total - have + i) % KEEP)];
      }
      for (int at = have - 22; at >= 0; at--) {
        if (last[at] == 0x50 && last[at + 1] == 0x4b && last[at + 2] == 0x05
            && last[at + 3] == 0x06) {
          int comment = (last[at + 20] & 0xff) | (last[at + 21] & 0xff) << 8;
          return at + 22 + comment == have;
        }
      }
      return false;
    }
  }

  /** Refuses a target that holds any resource, history row or artifact. */
  static void requireEmpty(BackendTransaction tx, StoreCore core, String what) {
    List<Kind> kinds = new ArrayList<>(Kind.resourceKinds());
    core.kinds.values().forEach(d -> kinds.add(d.kind()));
    for (Kind k : kinds) {
      if (tx.count(k, StoredQuery.builder(1).build()) > 0) {
        throw new FailedPreconditionException(what + ": the target store is not empty (it holds"
            + " " + k.kindName() + " resources); " + what + " only into a new store");
      }
    }
    if (!tx.changesSince(0, null, 1).isEmpty()) {
      throw new FailedPreconditionException(what + ": the target store is not empty (it has"
          + " history); " + what + " only into a new store");
    }
    if (core.artifacts != null && !core.artifacts.list("", null, 1).items().isEmpty()) {
      throw new FailedPreconditionException(what + ": the target's artifact store is not empty;"
          + " " + what + " only into a new store");
    }
  }

  /**
   * How a source's secrets are kept in a target: as they are ({@code resealFrom} null) or
   * re-sealed from {@code resealFrom} under the target's key; {@code hashKey} is the API-key
   * hashing key the target adopts (null without one).
   */
  record Sealing(TinkSealer resealFrom, byte[] hashKey) {
    static final Sealing AS_IS = new Sealing(null, null);

    /**
     * Decides it from the source's settings: as they are when the target's key opens the
     * newest hashing key, re-sealed when only {@code source} (asked only then) does, refused
     * otherwise. {@code hint} says how to give the source's keys.
     */
    static Sealing settle(String what, StoreCore target, Map<String, String> settings,
        java.util.function.Supplier<TinkSealer> source, String hint) {
      TreeMap<Integer, String> generations = hashKeys(settings);
      if (generations.isEmpty() && !settings.containsKey(StoreSecrets.PRESENT)) {
        return AS_IS;
      }
      TinkSealer sealer = target.secrets.tink();
      if (sealer == null) {
        throw new SecretsException(what + ": the source holds secrets or API keys, but this"
            + " store has no secret key configured (set AgentStore.builder().keyProvider(...))");
      }
      if (generations.isEmpty()) {
        return AS_IS;
      }
      String newest = generations.lastEntry().getValue();
      try {
        return new Sealing(null, StoreSecrets.openHashKey(sealer, newest));
      } catch (SecretsException differentKey) {
        TinkSealer from = source.get();
        if (from == null) {
          throw new SecretsException(what + ": the source's secrets are sealed under a different"
              + " key than this store's; " + hint, differentKey);
        }
        try {
          return new Sealing(from, StoreSecrets.openHashKey(from, newest));
        } catch (SecretsException wrong) {
          throw new SecretsException(what + ": neither this store's key nor the source's keys"
              + " open the source's secrets", wrong);
        }
      }
    }

    private static TreeMap<Integer, String> hashKeys(Map<String, String> settings) {
      TreeMap<Integer, String> generations = new TreeMap<>();
      settings.forEach((name, value) -> {
        if (name.startsWith(StoreSecrets.HASH_KEY)) {
          generations.put(Integer.parseInt(name.substring(StoreSecrets.HASH_KEY.length())), value);
        }
      });
      return generations;
    }

    /** Writes the source's settings into {@code tx}, the hashing key re-sealed if need be. */
    void put(BackendTransaction tx, StoreCore target, Map<String, String> settings) {
      for (Map.Entry<String, String> s : settings.entrySet()) {
        if (resealFrom == null || !s.getKey().startsWith(StoreSecrets.HASH_KEY)) {
          tx.putSetting(s.getKey(), s.getValue());
        }
      }
      if (resealFrom != null) { // one generation, sealed under the target's key
        tx.putSetting(StoreSecrets.HASH_KEY + 1, target.secrets.sealHashKey(hashKey));
      }
    }

    /** Re-seals the secret values of a spec in place (nothing when kept as they are). */
    void reseal(StoreCore target, Kind kind, String id, JsonNode spec) {
      if (resealFrom != null && spec instanceof ObjectNode o) {
        SecretFields.reseal(kind, id, o, resealFrom, target.secrets.tink(), stored -> true);
      }
    }
  }

  /** Reads one archive into an empty store in one write transaction. */
  private static final class Reader {
    private final StoreCore core;
    private final KeyProvider sourceKeys;
    private final ProgressListener listener;
    private final Map<String, Digest> seen = new LinkedHashMap<>();
    private final List<String> artifactsWritten = new ArrayList<>();
    /** The entries of resources, items and collections, by name, and what they hold. */
    private final Map<String, Kind> resourceSections = new HashMap<>();
    private final Map<String, Kind> itemSections = new HashMap<>();
    private final Map<String, Map.Entry<Kind, CollectionDefinition>> collectionSections =
        new HashMap<>();
    /** The declared kinds the archive carried (the store's, after their import). */
    private List<KindDefinition> declared = List.of();
    private TinkSealer resealFrom;
    private byte[] hashKey;
    private long maxSeq;
    private long bytes;

    Reader(StoreCore core, KeyProvider sourceKeys, ProgressListener listener) {
      this.core = core;
      this.sourceKeys = sourceKeys;
      this.listener = listener;
    }

    ArchiveSummary read(InputStream in) {
      AtomicBoolean ran = new AtomicBoolean();
      ArchiveSummary summary;
      try {
        summary = core.backend.write(tx -> {
          if (!ran.compareAndSet(false, true)) {
            throw new FailedPreconditionException("import: the write transaction was rolled back"
                + " by a conflict and a stream cannot be read twice; import again");
          }
          return readIn(tx, in);
        });
      } catch (RuntimeException e) {
        for (String key : artifactsWritten) {
          try {
            core.artifacts.delete(key);
          } catch (RuntimeException cleanup) {
            e.addSuppressed(cleanup);
          }
        }
        throw e;
      }
      if (hashKey != null) {
        core.secrets.adoptHashKey(hashKey);
      }
      core.adoptKinds(declared);
      return summary;
    }

    private ArchiveSummary readIn(BackendTransaction tx, InputStream in) {
      requireEmpty(tx, core, "import");
      Tail tail = new Tail(in);
      ZipInputStream zip = new ZipInputStream(tail, StandardCharsets.UTF_8);
      try {
        ZipEntry first = zip.getNextEntry();
        if (first == null || !first.getName().equals(FORMAT_ENTRY)) {
          throw damaged("it does not start with " + FORMAT_ENTRY + " (not an agentstore archive)");
        }
        JsonNode format = parse(readAll(zip), FORMAT_ENTRY, 1);
        int version = format.path("formatVersion").asInt();
        if (!FORMAT.equals(format.path("format").asText()) || version < OLDEST_VERSION
            || version > VERSION) {
          throw damaged(FORMAT_ENTRY + " names format " + format.path("format").asText() + " "
              + format.path("formatVersion").asText() + "; this version reads " + FORMAT + " "
              + OLDEST_VERSION + " to " + VERSION);
        }
        for (Kind k : Kind.resourceKinds()) {
          resourceSections.put(resourcesSection(k) + ".ndjson", k);
          itemSections.put(itemsSection(k) + ".ndjson", k);
        }
        JsonNode pendingArtifact = null;
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          String name = e.getName();
          if (name.equals(SETTINGS + ".ndjson")) {
            readSettings(tx, zip);
          } else if (name.equals(KINDS + ".ndjson") && version >= 2 && declared.isEmpty()) {
            readKinds(tx, zip);
          } else if (collectionSections.containsKey(name)) {
            Map.Entry<Kind, CollectionDefinition> c = collectionSections.get(name);
            readCollection(tx, zip, c.getKey(), c.getValue());
          } else if (resourceSections.containsKey(name)) {
            readResources(tx, zip, resourceSections.get(name));
          } else if (itemSections.containsKey(name)) {
            readItems(tx, zip, itemSections.get(name));
          } else if (name.equals(HISTORY + ".ndjson")) {
            readHistory(tx, zip);
          } else if (name.startsWith(ARTIFACTS + "/") && name.endsWith(".json")) {
            byte[] all = readAll(zip);
            byte[] bytes = all.length > 0 && all[all.length - 1] == '\n'
                ? java.util.Arrays.copyOf(all, all.length - 1) : all;
            pendingArtifact = parse(bytes, name, 1);
            digest(ARTIFACTS).add(bytes);
          } else if (name.startsWith(ARTIFACTS + "/") && name.endsWith(".bin")) {
            if (pendingArtifact == null) {
              throw damaged(name + " comes without its description");
            }
            putArtifact(pendingArtifact, zip, name);
            pendingArtifact = null;
          } else if (name.equals(MANIFEST_ENTRY)) {
            JsonNode manifest = parse(readAll(zip), MANIFEST_ENTRY, 1);
            if (zip.getNextEntry() != null) {
              throw damaged("entries follow " + MANIFEST_ENTRY);
            }
            tail.drain();
            if (!tail.endsWithCentralDirectory()) {
              throw damaged("truncated zip: its central directory is incomplete");
            }
            return checkManifest(manifest);
          } else {
            throw damaged("unknown entry " + name);
          }
        }
        throw damaged("it ends without " + MANIFEST_ENTRY + " (truncated?)");
      } catch (ZipException | java.io.EOFException e) {
        throw damaged("truncated or corrupted zip: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("import: cannot read the archive: " + e.getMessage(), e);
      }
    }


    private Digest digest(String section) {
      return seen.computeIfAbsent(section, s -> new Digest());
    }

    /** Calls {@code each} with every line of the current entry, after adding it to the digest. */
    private void lines(ZipInputStream zip, String section, LineHandler each) throws IOException {
      Digest d = digest(section);
      BufferedReader r = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
      String l;
      int n = 0;
      while ((l = r.readLine()) != null) {
        n++;
        byte[] bytes = l.getBytes(StandardCharsets.UTF_8);
        d.add(bytes);
        JsonNode node = parse(bytes, section, n);
        try {
          each.handle(node);
        } catch (NullPointerException | ClassCastException | IllegalArgumentException
            | java.time.format.DateTimeParseException bad) {
          throw damaged(section + " line " + n + ": missing or malformed field ("
              + bad.getMessage() + ")");
        }
        if (n % PAGE == 0) {
          listener.progress(new ProgressListener.Progress(section, d.count, -1, this.bytes));
        }
      }
      listener.progress(new ProgressListener.Progress(section, d.count, -1, this.bytes));
    }

    @FunctionalInterface
    private interface LineHandler {
      void handle(JsonNode line);
    }

    private void readSettings(BackendTransaction tx, ZipInputStream zip) throws IOException {
      Map<String, String> settings = new TreeMap<>();
      lines(zip, SETTINGS, o -> settings.put(o.get("name").asText(), o.get("value").asText()));
      Sealing sealing = Sealing.settle("import", core, settings, this::sourceSealer,
          "pass the source's keys with importer().sourceKeys(...) to re-seal them under this"
          + " store's key");
      resealFrom = sealing.resealFrom();
      hashKey = sealing.hashKey();
      sealing.put(tx, core, settings);
    }

    private TinkSealer sourceSealer() {
      if (sourceKeys == null) {
        return null;
      }
      Optional<SecretKeys> keys = sourceKeys.keys(new KeyProvider.Context(Optional.empty(), true));
      if (keys == null || keys.isEmpty()) {
        throw new SecretsException("import: the source key provider gave no keys");
      }
      return new TinkSealer(keys.get());
    }

    private void reseal(Kind kind, String id, JsonNode spec) {
      new Sealing(resealFrom, hashKey).reseal(core, kind, id, spec);
    }

    /**
     * Declares the archive's kinds with their change log (before any of their rows), and from
     * then on reads their resources' and collections' entries.
     */
    private void readKinds(BackendTransaction tx, ZipInputStream zip) throws IOException {
      List<StoredKindChange> log = new ArrayList<>();
      lines(zip, KINDS, o -> log.add(kindChangeOf(o)));
      List<KindDefinition> all;
      try {
        all = tx.importKindChanges(log);
      } catch (InvalidArgumentException e) {
        throw damaged(KINDS + ": " + e.getMessage());
      }
      Set<String> names = new HashSet<>();
      log.forEach(c -> names.add(c.name()));
      declared = all.stream().filter(d -> names.contains(d.kind().name())).toList();
      for (KindDefinition d : declared) {
        resourceSections.put(resourcesSection(d.kind()) + ".ndjson", d.kind());
        for (CollectionDefinition c : d.collections()) {
          collectionSections.put(collectionsSection(d.kind(), c.name()) + ".ndjson",
              Map.entry(d.kind(), c));
        }
      }
    }

    private void readCollection(BackendTransaction tx, ZipInputStream zip, Kind kind,
        CollectionDefinition c) throws IOException {
      String section = collectionsSection(kind, c.name());
      List<StoredCollectionItem> batch = new ArrayList<>();
      List<Long> sequences = new ArrayList<>();
      String[] parent = {null, null};
      lines(zip, section, o -> {
        String id = o.get("parent").asText();
        if (!batch.isEmpty() && (!id.equals(parent[0]) || batch.size() >= PAGE)) {
          appendCollection(tx, kind, c.name(), parent[0], parent[1], batch, sequences, section);
          batch.clear();
          sequences.clear();
        }
        parent[0] = id;
        parent[1] = o.get("org").asText();
        batch.add(collectionItemOf(c, o));
        sequences.add(o.get("seq").asLong());
      });
      if (!batch.isEmpty()) {
        appendCollection(tx, kind, c.name(), parent[0], parent[1], batch, sequences, section);
      }
    }

    private void readResources(BackendTransaction tx, ZipInputStream zip, Kind kind)
        throws IOException {
      List<StoredResource> batch = new ArrayList<>();
      lines(zip, resourcesSection(kind), o -> {
        reseal(kind, o.get("id").asText(), o.get("spec"));
        batch.add(resourceOf(kind, o));
        if (batch.size() >= PAGE) {
          tx.insertAll(List.copyOf(batch));
          batch.clear();
        }
      });
      tx.insertAll(batch);
    }

    private void readItems(BackendTransaction tx, ZipInputStream zip, Kind kind)
        throws IOException {
      // Items of many executions go together (up to PAGE per write); each group is one
      // execution's collection, in sequence order.
      List<StoredItem.Group> groups = new ArrayList<>();
      List<StoredItem> batch = new ArrayList<>();
      String[] group = {null, null};
      int[] held = {0};
      lines(zip, itemsSection(kind), o -> {
        String id = o.get("execution").asText();
        String collection = o.get("collection").asText();
        if (!batch.isEmpty() && (!id.equals(group[0]) || !collection.equals(group[1]))) {
          groups.add(new StoredItem.Group(group[0], group[1], batch));
          batch.clear();
        }
        if (held[0] >= PAGE) {
          if (!batch.isEmpty()) {
            groups.add(new StoredItem.Group(group[0], group[1], batch));
            batch.clear();
          }
          tx.importItemGroups(kind, List.copyOf(groups));
          groups.clear();
          held[0] = 0;
        }
        group[0] = id;
        group[1] = collection;
        batch.add(StoredItem.stored(o.get("seq").asLong(), text(o.get("key")),
            Json.write(o.get("body"))));
        held[0]++;
      });
      if (!batch.isEmpty()) {
        groups.add(new StoredItem.Group(group[0], group[1], batch));
      }
      tx.importItemGroups(kind, groups);
    }

    private void readHistory(BackendTransaction tx, ZipInputStream zip) throws IOException {
      List<HistoryRecord> batch = new ArrayList<>();
      lines(zip, HISTORY, o -> {
        JsonNode snapshot = o.get("snapshot");
        Kind kind = kindNamed(o.get("kind").asText(), declared);
        if (snapshot != null) {
          reseal(kind, o.get("resourceId").asText(), snapshot.get("spec"));
        }
        HistoryRecord r = historyOf(o, declared);
        if (r.sequence() <= maxSeq) {
          throw damaged(HISTORY + ": sequence " + r.sequence() + " after " + maxSeq
              + " (history must ascend)");
        }
        maxSeq = r.sequence();
        batch.add(r);
        if (batch.size() >= PAGE) {
          tx.importHistory(List.copyOf(batch));
          batch.clear();
        }
      });
      tx.importHistory(batch);
    }

    private void putArtifact(JsonNode meta, ZipInputStream zip, String entry) {
      if (core.artifacts == null) {
        throw new FailedPreconditionException("import: the archive holds artifacts but this"
            + " store has no artifact store configured");
      }
      ArtifactPutOptions.Builder options = ArtifactPutOptions.builder()
          .contentType(meta.path("contentType").asText())
          .expectedSha256(meta.path("sha256").asText());
      Iterator<Map.Entry<String, JsonNode>> it = meta.path("metadata").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> m = it.next();
        options.metadata(m.getKey(), m.getValue().asText());
      }
      String key = meta.path("key").asText();
      InputStream body = new java.io.FilterInputStream(zip) {
        @Override
        public void close() {} // the archive goes on after this entry
      };
      try {
        core.artifacts.put(key, body, options.build());
      } catch (InvalidArgumentException e) {
        throw damaged(entry + " (artifact " + key + "): " + e.getMessage());
      }
      artifactsWritten.add(key);
      bytes += meta.path("size").asLong();
      listener.progress(new ProgressListener.Progress(ARTIFACTS, digest(ARTIFACTS).count, -1,
          bytes));
    }

    private ArchiveSummary checkManifest(JsonNode manifest) {
      List<String> wrong = new ArrayList<>();
      Map<String, ArchiveSummary.Section> sections = new LinkedHashMap<>();
      manifest.path("sections").fields().forEachRemaining(e ->
          sections.put(e.getKey(), parseSection(e.getValue())));
      Set<String> names = new java.util.LinkedHashSet<>(sections.keySet());
      names.addAll(seen.keySet());
      for (String name : names) {
        ArchiveSummary.Section expected = sections.get(name);
        ArchiveSummary.Section actual = seen.containsKey(name) ? seen.get(name).section()
            : new Digest().section();
        if (expected == null) {
          wrong.add(name + " is not in the manifest");
        } else if (expected.count() != actual.count()) {
          wrong.add(name + " holds " + actual.count() + " records, the manifest says "
              + expected.count());
        } else if (!expected.digest().equals(actual.digest())) {
          wrong.add(name + " does not match its digest in the manifest");
        }
      }
      long historySequence = manifest.path("historySequence").asLong(-1);
      if (historySequence != maxSeq) {
        wrong.add("history ends at sequence " + maxSeq + ", the manifest says "
            + historySequence);
      }
      if (!wrong.isEmpty()) {
        throw damaged(String.join("; ", wrong));
      }
      return new ArchiveSummary(manifest.path("formatVersion").asInt(), historySequence,
          sections);
    }

    private static byte[] readAll(ZipInputStream zip) throws IOException {
      return zip.readAllBytes();
    }

    private static JsonNode parse(byte[] bytes, String where, int line) {
      try {
        return Json.MAPPER.readTree(bytes);
      } catch (IOException e) {
        throw damaged(where + " line " + line + ": not valid JSON");
      }
    }

    private static InvalidArgumentException damaged(String what) {
      return new InvalidArgumentException("archive: " + what + "; nothing was imported");
    }
  }
}
