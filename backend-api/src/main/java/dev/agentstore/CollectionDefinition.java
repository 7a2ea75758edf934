package dev.agentstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A keyed, append-only collection of items under each resource of a declared kind (Amelia's
 * session events, a workflow run's event log): items are JSON objects appended with an optional
 * caller key that makes a retried append idempotent (the first write under a key wins), each
 * given the next sequence of its parent (1, 2, 3, ...). Items are never updated; they go with
 * their parent. Declared item fields are typed, checked on every append and indexed (per
 * parent) for filters.
 *
 * <pre>{@code
 * CollectionDefinition events = CollectionDefinition.builder("events")
 *     .field("type", FieldType.STRING, FieldRule.required(), FieldRule.oneOf("prompt", "tool", "error"))
 *     .field("at", FieldType.TIMESTAMP)
 *     .build();
 * }</pre>
 *
 * <p>Usage: {@code KindDefinition.builder("amelia.dev", "Session").idPrefix("ases").collection(events).build()}
 */
public final class CollectionDefinition {
  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,23}");
  private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");
  private static final int MAX_FIELDS = 16;

  /**
   * A declared item field: a top-level member of each item.
   *
   * @param name the member's name
   * @param type its type (single-valued: no REFERENCE or STRING_LIST)
   * @param required whether every item must carry it
   * @param oneOf the values it may hold (empty: any)
   */
  public record Field(String name, FieldType type, boolean required, List<String> oneOf) {
    /** Copies the values list. */
    public Field {
      oneOf = List.copyOf(oneOf);
    }
  }

  private final String name;
  private final Map<String, Field> fields;

  private CollectionDefinition(Builder b) {
    this.name = b.name;
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
  }

  /** A builder for the collection {@code name}: a lower-camel-case word of at most 24 characters. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The collection's name, e.g. {@code events}. */
  public String name() {
    return name;
  }

  /** The declared item fields, in declaration order. */
  public List<Field> fields() {
    return List.copyOf(fields.values());
  }

  /** The declared item field {@code name}, if any. */
  public Optional<Field> field(String fieldName) {
    return Optional.ofNullable(fields.get(fieldName));
  }

  /** This collection as JSON, in the canonical form {@link KindDefinition#toJson()} embeds. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("name", name);
    var fs = o.putArray("fields");
    for (Field f : fields.values()) {
      KindDefinition.writeRules(fs.addObject().put("name", f.name()).put("type", f.type().name()),
          f.required(), f.oneOf());
    }
    return o;
  }

  /** Reads a collection written by {@link #toJson()}. */
  public static CollectionDefinition fromJson(JsonNode json) {
    Builder b = builder(json.path("name").asText(null));
    for (JsonNode n : json.path("fields")) {
      List<FieldRule> rules = KindDefinition.readRules(n);
      String type = n.path("type").asText("");
      FieldType t;
      try {
        t = FieldType.valueOf(type);
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException("collection " + b.name + ": unknown field type '"
            + Text.clip(type) + "'");
      }
      b.field(n.path("name").asText(null), t, rules.toArray(FieldRule[]::new));
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CollectionDefinition c && c.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /**
   * Builds a {@link CollectionDefinition}; every method checks its input at once and names what
   * is wrong in an {@link InvalidArgumentException}.
   *
   * <p>Usage: {@code CollectionDefinition.builder("events").field("type", FieldType.STRING).build()}
   */
  public static final class Builder {
    private final String name;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private Builder(String name) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new InvalidArgumentException("collection: '" + Text.clip(String.valueOf(name))
            + "' must start with a lower-case letter, then letters and digits (at most 24)");
      }
      this.name = name;
    }

    /** Declares the top-level item member {@code field} with a single-valued type and rules. */
    public Builder field(String field, FieldType type, FieldRule... rules) {
      String where = "collection " + name + ": field " + Text.clip(String.valueOf(field));
      if (field == null || !FIELD.matcher(field).matches()) {
        throw new InvalidArgumentException(where + ": a name of letters, digits and _ (at most"
            + " 64), starting with a letter");
      }
      Objects.requireNonNull(type, "type");
      if (!type.isScalar() || type == FieldType.REFERENCE) {
        throw new InvalidArgumentException(where + ": item fields are STRING, INTEGER, DECIMAL,"
            + " BOOLEAN or TIMESTAMP, not " + type);
      }
      if (fields.containsKey(field)) {
        throw new InvalidArgumentException(where + ": declared twice");
      }
      if (fields.size() >= MAX_FIELDS) {
        throw new InvalidArgumentException(where + ": at most " + MAX_FIELDS
            + " fields per collection");
      }
      boolean required = false;
      List<String> oneOf = List.of();
      for (FieldRule r : rules) {
        Objects.requireNonNull(r, "rule");
        if (r instanceof FieldRule.Required) {
          required = true;
        } else if (r instanceof FieldRule.OneOf o) {
          if (type != FieldType.STRING) {
            throw new InvalidArgumentException(where + ": oneOf needs a STRING field");
          }
          oneOf = o.values();
        } else {
          throw new InvalidArgumentException(where + ": items take required and oneOf rules");
        }
      }
      fields.put(field, new Field(field, type, required, oneOf));
      return this;
    }

    /** The definition. */
    public CollectionDefinition build() {
      return new CollectionDefinition(this);
    }
  }
}
