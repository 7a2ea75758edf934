package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An application's own kind of resource, declared the way a Kubernetes CustomResourceDefinition
 * declares one: a group and name, an id prefix, typed fields with rules, and the unique keys and
 * indexes the database keeps. Resources of a declared kind have the same envelope, ids, slugs,
 * versions, history, change feed, org views and transactions as the built-in kinds.
 *
 * <p>Register definitions on {@code AgentStore.builder().kind(def)}; the store persists them, so
 * another process (or the CLI) opening the same store sees them, and applies each new or changed
 * definition as one logged schema change. The declared rules are checked on every write (an
 * {@link InvalidArgumentException} names the field), and uniqueness, {@code oneOf} values,
 * references and indexes are also real database objects.
 *
 * <pre>{@code
 * KindDefinition trigger = KindDefinition.builder("swarm.dev", "Trigger")
 *     .idPrefix("trg")
 *     .field("spec.workflowId", FieldType.REFERENCE, FieldRule.references(Kind.WORKFLOW))
 *     .field("spec.type", FieldType.STRING, FieldRule.required(), FieldRule.oneOf("webhook", "schedule", "event"))
 *     .field("spec.webhookPath", FieldType.STRING)
 *     .field("status.nextRunAt", FieldType.TIMESTAMP)
 *     .unique("spec.webhookPath")
 *     .index("spec.type", "status.nextRunAt")
 *     .build();
 * }</pre>
 *
 * <p>Usage: {@code ResourceRepository<CustomResource<ObjectNode, ObjectNode>> triggers = store.resources(trigger);}
 */
public final class KindDefinition {
  private static final Pattern GROUP =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,7}");
  private static final int MAX_FIELDS = 64;
  private static final int MAX_KEYS = 32;

  /**
   * A declared field.
   *
   * @param path where it lives, {@code spec.x} or {@code status.x}
   * @param type its type
   * @param required whether every write must carry it
   * @param oneOf the values it may hold (empty: any)
   * @param references what it references (REFERENCE fields only)
   * @param defaultValue the value a resource lacking the field has, if any
   */
  public record Field(JsonPath path, FieldType type, boolean required, List<String> oneOf,
      Optional<FieldRule.References> references, Optional<JsonNode> defaultValue) {
    /** Copies the values list and the default. */
    public Field {
      oneOf = List.copyOf(oneOf);
      defaultValue = defaultValue.map(JsonNode::deepCopy);
    }

    /** A field without a default. */
    public Field(JsonPath path, FieldType type, boolean required, List<String> oneOf,
        Optional<FieldRule.References> references) {
      this(path, type, required, oneOf, references, Optional.empty());
    }

    /** A copy of the default, if any. */
    @Override
    public Optional<JsonNode> defaultValue() {
      return defaultValue.map(JsonNode::deepCopy);
    }

    /**
     * Why {@code value} (the field's value in a resource; null or a JSON null when absent) breaks
     * this declaration, or empty when it meets it: its type, size and {@code oneOf}, and, when it
     * is absent, {@code required} (unless the field has a default, which fills it).
     */
    public Optional<String> problem(JsonNode value) {
      if (value == null || value.isNull() || value.isMissingNode()) {
        return required && defaultValue.isEmpty() ? Optional.of("required") : Optional.empty();
      }
      Optional<String> p = type.problem(value);
      if (p.isPresent() || oneOf.isEmpty() || oneOf.contains(value.textValue())) {
        return p;
      }
      return Optional.of("must be one of " + oneOf + ", got '" + Text.clip(value.textValue())
          + "'");
    }
  }

  /**
   * A unique key: no two resources of the kind in one org hold the same values in all of
   * {@code paths} (a resource lacking any of them is not held to it), among those matching
   * {@code where} when it is present (a partial unique key: "one active per profile").
   *
   * @param paths the fields, in order
   * @param where the condition a resource must meet to be held to the key, if any
   */
  public record Unique(List<JsonPath> paths, Optional<Where> where) {
    /** Copies the paths. */
    public Unique {
      paths = List.copyOf(paths);
    }
  }

  /**
   * The condition of a partial unique key: a declared STRING field holds one of these values.
   *
   * <p>Usage: {@code .uniqueWhere(List.of("spec.worktreePath"), Where.in("status.state", "in_progress", "blocked"))}
   *
   * @param path the field
   * @param values the values that put a resource under the key
   */
  public record Where(JsonPath path, List<String> values) {
    /** Copies and checks the values. */
    public Where {
      Objects.requireNonNull(path, "path");
      values = new FieldRule.OneOf(values).values();
    }

    /** {@code path} holds one of {@code values}. */
    public static Where in(String path, String... values) {
      return new Where(JsonPath.parse(path), Arrays.asList(values));
    }
  }

  private final String group;
  private final String kindName;
  private final String idPrefix;
  private final Map<JsonPath, Field> fields;
  private final List<Unique> uniques;
  private final List<List<JsonPath>> indexes;
  private final Map<String, CollectionDefinition> collections;
  private final Kind kind;
  /** {@link #toJson()} as text, computed once: equality and hashing run on hot paths. */
  private final String canonical;

  private KindDefinition(Builder b) {
    this.group = b.group;
    this.kindName = b.kindName;
    this.idPrefix = b.idPrefix;
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    this.uniques = List.copyOf(b.uniques);
    this.indexes = List.copyOf(b.indexes);
    this.collections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.collections));
    this.kind = new Kind(this);
    this.canonical = toJson().toString();
  }

  /** A builder for the kind {@code kindName} of {@code group} (a DNS name, e.g. {@code swarm.dev}). */
  public static Builder builder(String group, String kindName) {
    return new Builder(group, kindName);
  }

  /** The group, e.g. {@code swarm.dev}. */
  public String group() {
    return group;
  }

  /** The kind's name, e.g. {@code Trigger}. */
  public String kindName() {
    return kindName;
  }

  /** The prefix of the kind's ids, e.g. {@code trg}. */
  public String idPrefix() {
    return idPrefix;
  }

  /** The declared kind. */
  public Kind kind() {
    return kind;
  }

  /** The declared fields, in declaration order. */
  public List<Field> fields() {
    return List.copyOf(fields.values());
  }

  /** The declared field at {@code path}, if any. */
  public Optional<Field> field(JsonPath path) {
    return Optional.ofNullable(fields.get(path));
  }

  /** The unique keys. */
  public List<Unique> uniques() {
    return uniques;
  }

  /** The indexes, each a list of fields in order. */
  public List<List<JsonPath>> indexes() {
    return indexes;
  }

  /** The keyed, append-only item collections under each resource, in declaration order. */
  public List<CollectionDefinition> collections() {
    return List.copyOf(collections.values());
  }

  /** The collection {@code name}, if declared. */
  public Optional<CollectionDefinition> collection(String name) {
    return Optional.ofNullable(collections.get(name));
  }

  /**
   * This definition as JSON, in one canonical form: equal definitions have equal text, so the
   * store compares it with the stored one to tell whether a definition changed.
   */
  public ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("group", group).put("kind", kindName).put("idPrefix", idPrefix);
    ArrayNode fs = o.putArray("fields");
    for (Field d : fields.values()) {
      ObjectNode n = writeRules(fs.addObject().put("path", d.path().text())
          .put("type", d.type().name()), d.required(), d.oneOf());
      d.references().ifPresent(r -> n.putObject("references").put("kind", r.target().name())
          .put("onDelete", r.onDelete().name()));
      // as JSON text: the stored definition is compared as text, and a number's text (1.50)
      // must survive every parser it meets
      d.defaultValue().ifPresent(v -> n.put("default", v.toString()));
    }
    ArrayNode us = o.putArray("unique");
    for (Unique u : uniques) {
      ObjectNode n = us.addObject();
      u.paths().forEach(p -> n.withArray("paths").add(p.text()));
      u.where().ifPresent(w -> {
        ObjectNode wn = n.putObject("where").put("path", w.path().text());
        w.values().forEach(wn.putArray("in")::add);
      });
    }
    ArrayNode ix = o.putArray("indexes");
    for (List<JsonPath> i : indexes) {
      ArrayNode a = ix.addArray();
      i.forEach(p -> a.add(p.text()));
    }
    if (!collections.isEmpty()) { // absent when none: definitions stored before keep their text
      ArrayNode cs = o.putArray("collections");
      collections.values().forEach(c -> cs.add(c.toJson()));
    }
    return o;
  }

  /**
   * Reads a definition written by {@link #toJson()}; {@code kinds} resolves the names of
   * referenced kinds (built-in ones resolve without it).
   */
  public static KindDefinition fromJson(JsonNode json, Map<String, Kind> kinds) {
    Builder b = builder(text(json, "group"), text(json, "kind")).idPrefix(text(json, "idPrefix"));
    for (JsonNode n : json.path("fields")) {
      List<FieldRule> rules = readRules(n);
      if (n.has("references")) {
        String target = text(n.get("references"), "kind");
        Kind k = kinds.get(target);
        if (k == null) {
          k = Kind.values().stream().filter(x -> x.name().equals(target)).findFirst()
              .orElseThrow(() -> new InvalidArgumentException("references: unknown kind "
                  + target));
        }
        rules.add(FieldRule.references(k,
            OnDelete.valueOf(text(n.get("references"), "onDelete"))));
      }
      if (n.has("default")) {
        rules.add(FieldRule.defaultValue(dev.agentstore.internal.Json.parse(text(n, "default"),
            "default")));
      }
      b.field(text(n, "path"), FieldType.valueOf(text(n, "type")),
          rules.toArray(FieldRule[]::new));
    }
    for (JsonNode n : json.path("unique")) {
      List<String> paths = new ArrayList<>();
      n.path("paths").forEach(p -> paths.add(p.asText()));
      if (n.has("where")) {
        List<String> values = new ArrayList<>();
        n.get("where").path("in").forEach(v -> values.add(v.asText()));
        b.uniqueWhere(paths, new Where(JsonPath.parse(text(n.get("where"), "path")), values));
      } else {
        b.unique(paths.toArray(String[]::new));
      }
    }
    for (JsonNode n : json.path("indexes")) {
      List<String> paths = new ArrayList<>();
      n.forEach(p -> paths.add(p.asText()));
      b.index(paths.toArray(String[]::new));
    }
    for (JsonNode n : json.path("collections")) {
      b.collection(CollectionDefinition.fromJson(n));
    }
    return b.build();
  }

  /** Writes a field's {@code required} and {@code oneOf} rules (fields and item fields alike). */
  static ObjectNode writeRules(ObjectNode n, boolean required, List<String> oneOf) {
    if (required) {
      n.put("required", true);
    }
    if (!oneOf.isEmpty()) {
      oneOf.forEach(n.putArray("oneOf")::add);
    }
    return n;
  }

  /** Reads the rules {@link #writeRules} wrote, into a list the caller may add to. */
  static List<FieldRule> readRules(JsonNode n) {
    List<FieldRule> rules = new ArrayList<>();
    if (n.path("required").asBoolean(false)) {
      rules.add(FieldRule.required());
    }
    if (n.has("oneOf")) {
      List<String> values = new ArrayList<>();
      n.get("oneOf").forEach(v -> values.add(v.asText()));
      rules.add(new FieldRule.OneOf(values));
    }
    return rules;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidArgumentException("kind definition: '" + field + "' must be a string");
    }
    return v.textValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KindDefinition d && d.canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  /** The canonical JSON text ({@link #toJson()}). */
  @Override
  public String toString() {
    return canonical;
  }

  /**
   * Builds a {@link KindDefinition}; every method checks its input at once and names what is
   * wrong in an {@link InvalidArgumentException}.
   *
   * <p>Usage: {@code KindDefinition.builder("amelia.dev", "Profile").idPrefix("prf").field("spec.owner", FieldType.STRING).build()}
   */
  public static final class Builder {
    private final String group;
    private final String kindName;
    private String idPrefix;
    private final Map<JsonPath, Field> fields = new LinkedHashMap<>();
    private final List<Unique> uniques = new ArrayList<>();
    private final List<List<JsonPath>> indexes = new ArrayList<>();
    private final Map<String, CollectionDefinition> collections = new LinkedHashMap<>();

    private Builder(String group, String kindName) {
      if (group == null || group.length() > 200 || !GROUP.matcher(group).matches()) {
        throw new InvalidArgumentException("group: '" + Text.clip(String.valueOf(group))
            + "' must be a lower-case DNS name with at least one dot, e.g. swarm.dev");
      }
      if (Kind.BUILT_IN_GROUP.equals(group)) {
        throw new InvalidArgumentException("group: " + Kind.BUILT_IN_GROUP
            + " is agentstore's own; use your application's domain");
      }
      if (kindName != null && group.length() + 1 + kindName.length() > 64) {
        throw new InvalidArgumentException("kind: group/kind '" + group + "/" + kindName
            + "' is longer than 64 characters");
      }
      if (kindName == null || !NAME.matcher(kindName).matches()) {
        throw new InvalidArgumentException("kind: '" + Text.clip(String.valueOf(kindName))
            + "' must start with an upper-case letter, then letters and digits (at most 63)");
      }
      this.group = group;
      this.kindName = kindName;
    }

    /** The prefix of the kind's ids: 2 to 8 lower-case letters and digits, unused by built-in kinds. */
    public Builder idPrefix(String prefix) {
      if (prefix == null || !PREFIX.matcher(prefix).matches()) {
        throw new InvalidArgumentException("idPrefix: '" + Text.clip(String.valueOf(prefix))
            + "' must be 2 to 8 lower-case letters and digits, starting with a letter");
      }
      if (Kind.fromId(prefix + "-x").isPresent()) {
        throw new InvalidArgumentException("idPrefix: '" + prefix
            + "' is the prefix of a built-in kind");
      }
      this.idPrefix = prefix;
      return this;
    }

    /** Declares the field at {@code path} ({@code spec.x} or {@code status.x}) with a type and rules. */
    public Builder field(String path, FieldType type, FieldRule... rules) {
      JsonPath p = JsonPath.parse(path);
      Objects.requireNonNull(type, "type");
      if (!"spec".equals(p.root()) && !"status".equals(p.root())) {
        throw new InvalidArgumentException("field " + path
            + ": declared fields live under spec or status");
      }
      if (p.segments().isEmpty()) {
        throw new InvalidArgumentException("field " + path + ": name a field inside "
            + p.root());
      }
      if (type == FieldType.SECRET && !"spec".equals(p.root())) {
        throw new InvalidArgumentException("field " + path + ": SECRET fields live under spec"
            + " (the status is not sealed)");
      }
      if (fields.containsKey(p)) {
        throw new InvalidArgumentException("field " + path + ": declared twice");
      }
      for (JsonPath other : fields.keySet()) {
        if (isPrefix(other, p) || isPrefix(p, other)) {
          throw new InvalidArgumentException("field " + path + ": overlaps the declared field "
              + other.text());
        }
      }
      if (fields.size() >= MAX_FIELDS) {
        throw new InvalidArgumentException("field " + path + ": at most " + MAX_FIELDS
            + " fields per kind");
      }
      boolean required = false;
      List<String> oneOf = List.of();
      FieldRule.References references = null;
      JsonNode defaultValue = null;
      for (FieldRule r : rules) {
        Objects.requireNonNull(r, "rule");
        if (r instanceof FieldRule.Default dv) {
          if (type == FieldType.REFERENCE || type == FieldType.SECRET) {
            throw new InvalidArgumentException("field " + path + ": a " + type
                + " field cannot have a default");
          }
          defaultValue = dv.value();
        } else if (r instanceof FieldRule.Required) {
          required = true;
        } else if (r instanceof FieldRule.OneOf o) {
          if (type != FieldType.STRING) {
            throw new InvalidArgumentException("field " + path + ": oneOf needs a STRING field");
          }
          oneOf = o.values();
        } else if (r instanceof FieldRule.References ref) {
          if (type != FieldType.REFERENCE) {
            throw new InvalidArgumentException("field " + path
                + ": references needs a REFERENCE field");
          }
          if (!"spec".equals(p.root())) {
            throw new InvalidArgumentException("field " + path
                + ": references live under spec");
          }
          references = ref;
        }
      }
      if (type == FieldType.REFERENCE && references == null) {
        throw new InvalidArgumentException("field " + path
            + ": a REFERENCE field needs FieldRule.references(kind)");
      }
      if (required && references != null && references.onDelete() == OnDelete.SET_NULL) {
        throw new InvalidArgumentException("field " + path + ": onDelete SET_NULL would remove"
            + " a required field; make it optional or use CASCADE or RESTRICT");
      }
      Field f = new Field(p, type, required, oneOf, Optional.ofNullable(references),
          Optional.ofNullable(defaultValue));
      if (defaultValue != null) {
        f.problem(defaultValue).ifPresent(problem -> {
          throw new InvalidArgumentException("field " + path + ": its default " + problem);
        });
      }
      fields.put(p, f);
      return this;
    }

    /** Declares a unique key over declared scalar fields, within each org. */
    public Builder unique(String... paths) {
      uniques.add(new Unique(keyFields("unique", Arrays.asList(paths)), Optional.empty()));
      checkKeyCount();
      return this;
    }

    /** Declares a partial unique key: it holds only among resources matching {@code where}. */
    public Builder uniqueWhere(List<String> paths, Where where) {
      Objects.requireNonNull(where, "where");
      List<JsonPath> key = keyFields("uniqueWhere", paths);
      Field w = fields.get(where.path());
      if (w == null || w.type() != FieldType.STRING) {
        throw new InvalidArgumentException("uniqueWhere: the condition's field "
            + where.path().text() + " must be a declared STRING field");
      }
      uniques.add(new Unique(key, Optional.of(where)));
      checkKeyCount();
      return this;
    }

    /** Declares an index over declared scalar fields, in this order, within each org. */
    public Builder index(String... paths) {
      indexes.add(keyFields("index", Arrays.asList(paths)));
      checkKeyCount();
      return this;
    }

    /**
     * Declares a keyed, append-only collection of items under each resource of the kind (at
     * most 8; names distinct ignoring case, as each is a table of its own).
     */
    public Builder collection(CollectionDefinition collection) {
      Objects.requireNonNull(collection, "collection");
      for (String other : collections.keySet()) {
        if (other.equalsIgnoreCase(collection.name())) {
          throw new InvalidArgumentException("collection " + collection.name()
              + ": declared twice (names are compared ignoring case)");
        }
      }
      if (collections.size() >= 8) {
        throw new InvalidArgumentException("collection " + collection.name()
            + ": at most 8 collections per kind");
      }
      collections.put(collection.name(), collection);
      return this;
    }

    private List<JsonPath> keyFields(String what, List<String> paths) {
      if (paths == null || paths.isEmpty() || paths.size() > 4) {
        throw new InvalidArgumentException(what + ": name 1 to 4 declared fields");
      }
      List<JsonPath> out = new ArrayList<>();
      for (String s : paths) {
        JsonPath p = JsonPath.parse(s);
        Field f = fields.get(p);
        if (f == null) {
          throw new InvalidArgumentException(what + ": " + s
              + " is not a declared field (declare it with field(...) first)");
        }
        if (f.type() == FieldType.SECRET) {
          throw new InvalidArgumentException(what + ": " + s + " is a SECRET field; its values"
              + " are sealed, so it cannot be a key or an index");
        }
        if (!f.type().isScalar()) {
          throw new InvalidArgumentException(what + ": " + s + " is a " + f.type()
              + " field; keys and indexes take single values");
        }
        if (out.contains(p)) {
          throw new InvalidArgumentException(what + ": " + s + " is named twice");
        }
        out.add(p);
      }
      return out;
    }

    private void checkKeyCount() {
      if (uniques.size() + indexes.size() > MAX_KEYS) {
        throw new InvalidArgumentException("at most " + MAX_KEYS
            + " unique keys and indexes per kind");
      }
    }

    private static boolean isPrefix(JsonPath a, JsonPath b) {
      return a.root().equals(b.root()) && a.segments().size() < b.segments().size()
          && b.segments().subList(0, a.segments().size()).equals(a.segments());
    }

    /** The definition. */
    public KindDefinition build() {
      if (idPrefix == null) {
        throw new InvalidArgumentException("idPrefix: every declared kind needs one");
      }
      return new KindDefinition(this);
    }
  }
}
