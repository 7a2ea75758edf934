package dev.agentstore.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.Ids;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.Labels;
import dev.agentstore.Metadata;
import dev.agentstore.OwnerScope;
import dev.agentstore.Query;
import dev.agentstore.RefField;
import dev.agentstore.Resource;
import dev.agentstore.ResourceType;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.spi.StoredItem;
import dev.agentstore.spi.StoredResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns typed resources into the rows a backend stores and back: validates metadata and
 * documents, enforces the size limit, seals and opens secrets, extracts the indexed columns and
 * splits execution collections into child items.
 *
 * <p>Usage: {@code Encoded e = codec.encode(agent, identity); Agent back = codec.decode(type, row, items);}
 */
final class ResourceCodec {
  /**
   * The member of the stored metadata JSON holding {@code metadata.expiresAt}, in microseconds
   * since the epoch (absent: never expires); the backends index this member.
   */
  static final String EXPIRES_AT = "expiresAt";

  /**
   * A resource ready for a backend: the row plus the child items of each collection present in
   * its status (absent collections are not in the map).
   */
  record Encoded(StoredResource row, Map<String, List<StoredItem>> items, ObjectNode spec,
      ObjectNode status, int sealedValues) {}

  /** The store-assigned fields of a row being written. */
  record Identity(String id, String org, String slug, long version, Instant createdAt,
      Instant updatedAt, String createdBy, String updatedBy) {}

  private final int maxDocumentBytes;
  private final SecretSealer sealer;

  ResourceCodec(int maxDocumentBytes, SecretSealer sealer) {
    this.maxDocumentBytes = maxDocumentBytes;
    this.sealer = sealer;
  }

  /** Validates the caller-settable metadata fields (labels, annotations, tags, name, expiry). */
  void validateMetadata(Metadata m) {
    if (m == null) {
      throw new InvalidArgumentException("metadata", "required");
    }
    Query.requireInRange(m.expiresAt(), "metadata.expiresAt");
    if (m.name() != null) {
      Json.checkString(m.name(), "metadata.name");
      if (m.name().length() > 1024) {
        throw new InvalidArgumentException("metadata.name", "at most 1024 characters");
      }
    }
    Labels.requireValid(m.labels(), "metadata.labels");
    m.annotations().forEach((k, v) -> {
      if (k == null || k.isEmpty() || v == null) {
        throw new InvalidArgumentException("metadata.annotations", "keys must be non-empty and"
            + " values non-null");
      }
      Json.checkString(k, "metadata.annotations");
      Json.checkString(v, "metadata.annotations." + k);
    });
    for (String t : m.tags()) {
      if (t == null) {
        throw new InvalidArgumentException("metadata.tags", "must not contain null");
      }
      Json.checkString(t, "metadata.tags");
    }
  }

  /** Encodes a resource under the given identity. */
  Encoded encode(Resource<?, ?> r, Identity ident) {
    return encode(r, ident, false);
  }

  /**
   * Encodes a resource under the given identity; {@code finished} when it is an execution whose
   * stored phase is terminal, so its runtimeEnv secrets are dropped whatever status it carries.
   */
  Encoded encode(Resource<?, ?> r, Identity ident, boolean finished) {
    Kind kind = r.kind();
    Metadata m = r.metadata();
    validateMetadata(m);
    if (r.spec() == null) {
      throw new InvalidArgumentException("spec", "required");
    }
    ObjectNode spec = Json.toObject(r.spec(), "spec");
    ObjectNode status = Json.toObject(r.status(), "status");
    return encodeTrees(kind, m, spec, status, ident, true, finished);
  }

  /**
   * Encodes already-built spec and status trees (status may be null); {@code seal} is false when
   * the spec comes from storage and is sealed already.
   */
  Encoded encodeTrees(Kind kind, Metadata m, ObjectNode spec, ObjectNode status, Identity ident,
      boolean seal) {
    return encodeTrees(kind, m, spec, status, ident, seal, false);
  }

  /**
   * {@link #encodeTrees(Kind, Metadata, ObjectNode, ObjectNode, Identity, boolean)}; an execution
   * that is {@code finished} or whose status is in a terminal phase keeps no runtimeEnv secret
   * values (see {@link SecretFields#dropEphemeralSecrets}).
   */
  Encoded encodeTrees(Kind kind, Metadata m, ObjectNode spec, ObjectNode status, Identity ident,
      boolean seal, boolean finished) {
    KindDefinition declared = kind.definition().orElse(null);
    if (declared != null && DeclaredFields.hasDefaults(declared)) {
      spec = spec.deepCopy();
      status = status == null ? Json.nodes().objectNode() : status.deepCopy();
      DeclaredFields.fillDefaults(declared, spec, status);
      if (status.isEmpty()) {
        status = null;
      }
    }
    ObjectNode sealedSpec = spec.deepCopy();
    int[] sealed = {0};
    if (seal) {
      SecretFields.transform(kind, sealedSpec, (name, plain) -> {
        sealed[0]++;
        return sealer.seal(kind, ident.id(), name, plain);
      });
    }
    Map<RefField, String> refs = refs(kind, spec);
    if (declared != null) {
      DeclaredFields.check(declared, spec, status);
    }

    String phase = null;
    Map<String, List<StoredItem>> items = new LinkedHashMap<>();
    ObjectNode statusRow = status == null ? Json.nodes().objectNode() : status.deepCopy();
    if (kind.isExecution()) {
      JsonNode p = statusRow.get("phase");
      if (p == null || p.isNull()) {
        statusRow.put("phase", ExecutionPhase.PENDING.name());
        phase = ExecutionPhase.PENDING.name();
      } else {
        phase = phase(p.asText()).name();
      }
      if (finished || phase(phase).isTerminal()) {
        SecretFields.dropEphemeralSecrets(kind, sealedSpec);
      }
      for (String c : ExecutionCollections.of(kind)) {
        JsonNode arr = statusRow.remove(c);
        if (arr != null && !arr.isNull()) {
          items.put(c, items(c, arr, "status." + c));
        }
      }
    }

    ObjectNode meta = Json.nodes().objectNode();
    meta.put("ownerScope", (m.ownerScope() == null ? OwnerScope.ORGANIZATION : m.ownerScope()).name());
    meta.set("annotations", Json.toTree(m.annotations(), "metadata.annotations"));
    meta.set("tags", Json.toTree(m.tags(), "metadata.tags"));
    if (m.expiresAt() != null) {
      meta.put(EXPIRES_AT, Micros.toEpochMicros(m.expiresAt()));
    }
    String labelsJson = Json.write(m.labels());
    String metaJson = Json.write(meta);
    String specJson = Json.write(sealedSpec);
    String statusJson = Json.write(statusRow);
    long size = bytes(labelsJson) + bytes(metaJson) + bytes(specJson) + bytes(statusJson);
    for (List<StoredItem> list : items.values()) {
      for (StoredItem i : list) {
        size += bytes(i.json());
      }
    }
    requireSize(size, "resource");
    StoredResource row = StoredResource.builder(kind, ident.id()).org(ident.org())
        .slug(ident.slug()).name(m.name()).version(ident.version()).labelsJson(labelsJson)
        .metadataJson(metaJson).specJson(specJson).statusJson(statusJson).phase(phase).refs(refs)
        .environmentRefs(environmentRefs(kind, spec)).createdAt(ident.createdAt()).updatedAt(ident.updatedAt()).createdBy(ident.createdBy())
        .updatedBy(ident.updatedBy()).build();
    return new Encoded(row, items, spec, status, sealed[0]);
  }

  /** Encodes the elements of one collection; keyed collections need a non-blank unique id. */
  List<StoredItem> items(String collection, JsonNode array, String field) {
    if (!array.isArray()) {
      throw new InvalidArgumentException(field, "must be an array");
    }
    List<StoredItem> out = new ArrayList<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    int i = 0;
    for (JsonNode el : array) {
      StoredItem item = item(collection, el, field + "[" + i++ + "]");
      if (item.key() != null && !keys.add(item.key())) {
        throw new InvalidArgumentException(field, "id '" + item.key() + "' appears twice");
      }
      out.add(item);
    }
    return out;
  }

  /** Encodes one element of a collection. */
  StoredItem item(String collection, JsonNode el, String field) {
    if (el == null || !el.isObject()) {
      throw new InvalidArgumentException(field, "must be an object");
    }
    Json.validate(el, field);
    String key = null;
    if (ExecutionCollections.keyed(collection)) {
      JsonNode id = el.get("id");
      if (id == null || !id.isTextual() || id.textValue().isBlank()) {
        throw new InvalidArgumentException(field + ".id: required (elements are upserted by id)");
      }
      if (id.textValue().length() > 255) {
        throw new InvalidArgumentException(field + ".id: at most 255 characters");
      }
      key = id.textValue();
    }
    String json = Json.write(el);
    requireSize(bytes(json), field);
    return StoredItem.toAppend(key, json);
  }

  /** Rebuilds the typed resource from a row and its child items. */
  <R extends Resource<S, T>, S, T> R decode(ResourceType<R, S, T> type, StoredResource row,
      Map<String, List<StoredItem>> items) {
    Kind kind = type.kind();
    S s;
    if (mayHoldSealedValues(kind, row.specJson())) {
      ObjectNode spec = (ObjectNode) Json.parseTrusted(row.specJson());
      SecretFields.transform(kind, spec, (name, sealed) -> sealer.open(kind, row.id(), name,
          sealed));
      s = Json.fromTree(spec, type.specClass(), "spec");
    } else {
      s = Json.readTrusted(row.specJson(), type.specClass(), "spec"); // no tree: nothing to open
    }
    String status = statusJson(row, items);
    T t = status == null ? null : Json.readTrusted(status, type.statusClass(), "status");
    return type.create(metadata(row), s, t);
  }

  /** Whether a stored spec may hold a sealed value to open (see SecretFields). */
  private static boolean mayHoldSealedValues(Kind kind, String specJson) {
    return !SecretFields.declaredSecrets(kind).isEmpty()
        || SecretFields.mapField(kind) != null && SecretFields.mayMentionSecretEntry(specJson);
  }

  /**
   * The status JSON of a row with its child collections put back (none when {@code items} is
   * null: history snapshots of executions leave them to the APPENDED entries), or null when empty.
   */
  ObjectNode statusTree(StoredResource row, Map<String, List<StoredItem>> items) {
    ObjectNode status = (ObjectNode) Json.parseTrusted(storedStatus(row));
    if (items == null) {
      return status.isEmpty() ? null : status;
    }
    for (String c : ExecutionCollections.of(row.kind())) {
      ArrayNode arr = status.putArray(c);
      for (StoredItem i : items.getOrDefault(c, List.of())) {
        arr.add(Json.parseTrusted(i.json()));
      }
    }
    return status.isEmpty() ? null : status;
  }

  /**
   * {@link #statusTree} as JSON text, spliced from the stored texts rather than parsed and
   * written again: the row's status and every item are JSON objects this codec wrote (or the
   * database printed), so the result is the same JSON value.
   */
  String statusJson(StoredResource row, Map<String, List<StoredItem>> items) {
    String stored = storedStatus(row).strip();
    List<String> collections = items == null ? List.of() : ExecutionCollections.of(row.kind());
    if (collections.isEmpty()) {
      return isEmptyObject(stored) ? null : stored;
    }
    for (String c : collections) {
      if (stored.contains(quoted(c))) {
        // The stored status names a collection itself (or mentions its name): the tree
        // replaces that member where splicing would repeat it.
        ObjectNode tree = statusTree(row, items);
        return tree == null ? null : Json.write(tree);
      }
    }
    StringBuilder b = new StringBuilder(stored.length() + 64 * collections.size());
    b.append(stored, 0, stored.length() - 1);
    boolean first = isEmptyObject(stored);
    for (String c : collections) {
      b.append(first ? "" : ",").append(quoted(c)).append(":[");
      first = false;
      List<StoredItem> list = items.getOrDefault(c, List.of());
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : ",").append(list.get(i).json());
      }
      b.append(']');
    }
    return b.append('}').toString();
  }

  private static String storedStatus(StoredResource row) {
    return row.statusJson() == null || row.statusJson().isEmpty() ? "{}" : row.statusJson();
  }

  /** Whether stripped JSON object text is {@code {}} (possibly with blanks inside). */
  private static boolean isEmptyObject(String stripped) {
    return stripped.length() >= 2 && stripped.substring(1, stripped.length() - 1).isBlank();
  }

  /** A member name as a JSON string. */
  private static String quoted(String name) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(name)) + '"';
  }

  /** A JSON member that only a resource without an expiry has. */
  private static final String NO_EXPIRY = ",\"" + EXPIRES_AT + "\":null}";

  /**
   * The metadata of a snapshot as JSON text: the record as written, without {@code expiresAt}
   * when it has none, so snapshots of resources without an expiry stay as they were.
   */
  private static String snapshotMetadata(Metadata m) {
    String json = Json.write(m);
    if (m.expiresAt() != null) {
      return json;
    }
    if (json.endsWith(NO_EXPIRY)) { // the record's last component: no tree needed
      return json.substring(0, json.length() - NO_EXPIRY.length()) + "}";
    }
    ObjectNode tree = (ObjectNode) Json.parseTrusted(json);
    tree.remove(EXPIRES_AT);
    return Json.write(tree);
  }

  /**
   * Refuses a stored metadata JSON (an archive's, about to be imported as is) whose
   * {@code expiresAt} is not what {@link #encodeTrees} writes: an integer of microseconds since
   * the epoch in years 1 to 9999. The backends' expiry index casts it to an integer, so anything
   * else would break every later maintenance run.
   */
  static void checkStoredExpiry(JsonNode metadata, String what) {
    JsonNode e = metadata == null ? null : metadata.get(EXPIRES_AT);
    if (e == null || e.isNull()) {
      return;
    }
    if (!e.isIntegralNumber() || !e.canConvertToLong()
        || e.longValue() < Micros.toEpochMicros(Query.EARLIEST_INSTANT)
        || e.longValue() > Micros.toEpochMicros(Query.LATEST_INSTANT)) {
      throw new InvalidArgumentException(what + ": metadata.expiresAt", "must be an integer of"
          + " microseconds since the epoch in the years 1 to 9999, got " + Messages.clip(
              e.toString()));
    }
  }

  /** The metadata of a stored row. */
  Metadata metadata(StoredResource row) {
    JsonNode meta = Json.parseTrusted(row.metadataJson());
    @SuppressWarnings("unchecked")
    Map<String, String> labels = Json.fromTree(Json.parseTrusted(row.labelsJson()), Map.class,
        "labels");
    @SuppressWarnings("unchecked")
    Map<String, String> annotations = Json.fromTree(meta.get("annotations"), Map.class,
        "annotations");
    @SuppressWarnings("unchecked")
    List<String> tags = Json.fromTree(meta.get("tags"), List.class, "tags");
    OwnerScope scope = OwnerScope.valueOf(meta.path("ownerScope").asText("ORGANIZATION"));
    JsonNode expires = meta.get(EXPIRES_AT);
    return new Metadata(row.id(), row.name(), row.slug(), row.org(), scope, labels, annotations,
        tags, row.version(), row.createdAt(), row.updatedAt(), row.createdBy(), row.updatedBy(),
        expires == null || expires.isNull() ? null : Micros.fromEpochMicros(expires.asLong()));
  }

  /**
   * The full snapshot written to history, as JSON text: the envelope with secrets still sealed.
   * The stored spec, status and items are spliced in as they are (see {@link #statusJson}):
   * parsing and writing them again was a large share of a write's CPU.
   */
  String snapshotJson(StoredResource row, Map<String, List<StoredItem>> items) {
    String meta = snapshotMetadata(metadata(row));
    String status = statusJson(row, items);
    StringBuilder b = new StringBuilder(row.specJson().length()
        + (status == null ? 0 : status.length()) + 512);
    b.append("{\"apiVersion\":").append(quoted(row.kind().apiVersion()))
        .append(",\"kind\":").append(quoted(row.kind().kindName()))
        .append(",\"metadata\":").append(meta)
        .append(",\"spec\":").append(row.specJson().strip());
    if (status != null) {
      b.append(",\"status\":").append(status);
    }
    return b.append('}').toString();
  }

  /**
   * Re-seals every secret value of a stored spec that is not under the primary key; returns the
   * new spec JSON, or null when every value is current.
   */
  String reseal(StoredResource row, int[] resealed) {
    ObjectNode spec = (ObjectNode) Json.parseTrusted(row.specJson());
    int n = SecretFields.reseal(row.kind(), row.id(), spec, sealer, sealer,
        stored -> !sealer.isCurrent(stored));
    resealed[0] += n;
    return n == 0 ? null : Json.write(spec);
  }

  /** Checks a whole row against the size limit. */
  void requireSize(StoredResource row) {
    requireSize(bytes(row.labelsJson()) + bytes(row.metadataJson()) + bytes(row.specJson())
        + bytes(row.statusJson()), "resource");
  }

  /** Checks an item or document against the size limit. */
  void requireSize(long bytes, String field) {
    if (bytes > maxDocumentBytes) {
      throw new InvalidArgumentException(field, "document is " + bytes
          + " bytes; the limit is " + maxDocumentBytes);
    }
  }

  /** Parses a phase name. */
  static ExecutionPhase phase(String name) {
    try {
      return ExecutionPhase.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("status.phase", "unknown phase '" + name + "'");
    }
  }

  private static Map<RefField, String> refs(Kind kind, ObjectNode spec) {
    Map<RefField, String> refs = new EnumMap<>(RefField.class);
    for (RefField f : kind.refFields()) {
      JsonNode v = spec.get(f.specField());
      if (v == null || v.isNull()) {
        continue;
      }
      String field = "spec." + f.specField();
      if (!v.isTextual()) {
        throw new InvalidArgumentException(field, "must be a string");
      }
      String id = v.textValue();
      if (f.target() != null) {
        Ids.require(id, f.target(), field);
      } else if (f == RefField.EXECUTION_ID) {
        Kind k = Ids.requireAnyKind(id, field);
        if (!k.isExecution()) {
          throw new InvalidArgumentException(field, "'" + id
              + "' is not an agent or workflow execution id");
        }
      } else if (id.isBlank() || id.length() > 255) {
        throw new InvalidArgumentException(field, "must be 1-255 characters");
      }
      refs.put(f, id);
    }
    return refs;
  }

  /**
   * The environment ids of an instance's {@code spec.environmentRefs} (each once, in order; empty
   * when absent), or null for kinds without the field. Each must be an Environment id; that it
   * names an environment of the same org is the backend's check.
   */
  static List<String> environmentRefs(Kind kind, ObjectNode spec) {
    if (kind != Kind.AGENT_INSTANCE && kind != Kind.WORKFLOW_INSTANCE) {
      return null;
    }
    JsonNode list = spec.get("environmentRefs");
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new InvalidArgumentException("spec.environmentRefs", "must be a list of Environment"
          + " ids");
    }
    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
    int i = 0;
    for (JsonNode el : list) {
      String field = "spec.environmentRefs[" + i++ + "]";
      if (!el.isTextual()) {
        throw new InvalidArgumentException(field, "must be an Environment id");
      }
      ids.add(Ids.require(el.textValue(), Kind.ENVIRONMENT, field));
    }
    return List.copyOf(ids);
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
