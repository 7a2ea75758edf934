package dev.agentstore.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.FieldType;
import dev.agentstore.JsonPath;
import dev.agentstore.KindDefinition;
import dev.agentstore.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a change of a declared kind's definition does to its fields, and whether the stored
 * resources allow it: the one place the rules of field evolution live, so every backend applies
 * a change the same way (it runs the DDL; this decides). A backend makes one per changed
 * definition, passes every stored row through {@link #check} when {@link #needsScan()}, writes
 * back the documents it returns (defaults filled in), then calls {@link #refuseIfViolated()}
 * before it records the change.
 *
 * <ul>
 *   <li>an <b>added</b> field: stored values at its path must meet its type and rules; a
 *       required one needs a default or a value in every stored resource; a default is written
 *       into every stored resource lacking the field;
 *   <li>a <b>dropped</b> field loses its key and checks, its values stay in the JSON (undeclared);
 *   <li>a <b>changed</b> field: making it optional, widening its {@code oneOf} or changing a
 *       reference's {@code onDelete} always applies; a new type, {@code required} or a narrower
 *       {@code oneOf} applies only when every stored value meets it; a new default is written
 *       into the stored resources lacking the field;
 *   <li>adding, dropping or retyping a REFERENCE field, or changing its target, is refused, and
 *       so is a change that would leave a SECRET field's sealed values undeclared or put
 *       unsealed values under a SECRET field.
 * </ul>
 *
 * <p>Usage: {@code FieldChanges changes = FieldChanges.between(stored, declared); if (changes.needsScan()) { ... }}
 */
public final class FieldChanges {
  /** How many offending ids a refusal names. */
  public static final int NAMED_IDS = 5;

  private final KindDefinition next;
  private final List<KindDefinition.Field> added = new ArrayList<>();
  private final List<KindDefinition.Field> dropped = new ArrayList<>();
  private final List<KindDefinition.Field> changed = new ArrayList<>();
  /** The fields whose stored values the check holds to the new declaration. */
  private final List<KindDefinition.Field> checked = new ArrayList<>();
  /** The fields whose default the check writes into rows lacking them. */
  private final List<KindDefinition.Field> filled = new ArrayList<>();
  /** The SECRET fields (old or new) that no stored row may hold a value at. */
  private final List<JsonPath> emptySecrets = new ArrayList<>();
  private final Map<String, Offenders> offenders = new LinkedHashMap<>();

  private static final class Offenders {
    final String problem;
    final List<String> ids = new ArrayList<>();
    long count;

    Offenders(String problem) {
      this.problem = problem;
    }
  }

  private FieldChanges(KindDefinition stored, KindDefinition next) {
    this.next = next;
    for (KindDefinition.Field old : stored.fields()) {
      Optional<KindDefinition.Field> now = next.field(old.path());
      if (now.isEmpty()) {
        refuseReference(old, "dropping");
        dropped.add(old);
        if (old.type() == FieldType.SECRET) {
          emptySecrets.add(old.path());
        }
      } else if (!sameButOnDelete(old, now.get())) {
        change(old, now.get());
      }
    }
    for (KindDefinition.Field f : next.fields()) {
      if (stored.field(f.path()).isEmpty()) {
        refuseReference(f, "adding");
        added.add(f);
        if (f.type() == FieldType.SECRET) {
          emptySecrets.add(f.path());
        } else {
          checked.add(f);
        }
        f.defaultValue().ifPresent(v -> filled.add(f));
      }
    }
  }

  /** The field changes from {@code stored} to {@code next} (the same kind). */
  public static FieldChanges between(KindDefinition stored, KindDefinition next) {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(next, "next");
    return new FieldChanges(stored, next);
  }

  private void change(KindDefinition.Field old, KindDefinition.Field now) {
    if (old.type() == FieldType.REFERENCE || now.type() == FieldType.REFERENCE) {
      if (old.type() != now.type() || !old.references().orElseThrow().target()
          .equals(now.references().orElseThrow().target())) {
        throw refused(now.path(), "changing a REFERENCE field's type or target is not supported");
      }
    }
    changed.add(now);
    boolean secret = old.type() == FieldType.SECRET || now.type() == FieldType.SECRET;
    if (secret && old.type() != now.type()) {
      emptySecrets.add(now.path());
    }
    boolean narrower = !now.oneOf().isEmpty()
        && (old.oneOf().isEmpty() || !now.oneOf().containsAll(old.oneOf()));
    boolean newlyRequired = now.required() && !old.required() && now.defaultValue().isEmpty();
    if (!secret && (old.type() != now.type() || narrower || newlyRequired)) {
      checked.add(now);
    }
    if (now.defaultValue().isPresent() && !sameDefault(old, now)) {
      filled.add(now);
    }
  }

  private static boolean sameButOnDelete(KindDefinition.Field a, KindDefinition.Field b) {
    return a.type() == b.type() && a.required() == b.required() && a.oneOf().equals(b.oneOf())
        && sameDefault(a, b)
        && a.references().map(r -> r.target()).equals(b.references().map(r -> r.target()));
  }

  /** Compared as the definition's text stores them (an int and a long 0 are the same default). */
  private static boolean sameDefault(KindDefinition.Field a, KindDefinition.Field b) {
    return a.defaultValue().map(JsonNode::toString)
        .equals(b.defaultValue().map(JsonNode::toString));
  }

  private void refuseReference(KindDefinition.Field f, String what) {
    if (f.type() == FieldType.REFERENCE) {
      throw refused(f.path(), what + " a REFERENCE field to a stored kind is not supported");
    }
  }

  private FailedPreconditionException refused(JsonPath path, String why) {
    return new FailedPreconditionException("kind " + next.kind() + ": field " + path.text()
        + ": " + why + " (nothing was changed)");
  }

  /** The fields the change adds. */
  public List<KindDefinition.Field> added() {
    return List.copyOf(added);
  }

  /** The fields the change drops, as they were declared. */
  public List<KindDefinition.Field> dropped() {
    return List.copyOf(dropped);
  }

  /** The fields the change keeps with another declaration, as now declared. */
  public List<KindDefinition.Field> changed() {
    return List.copyOf(changed);
  }

  /** Whether the fields change at all (beyond a reference's {@code onDelete}). */
  public boolean any() {
    return !added.isEmpty() || !dropped.isEmpty() || !changed.isEmpty();
  }

  /**
   * Whether the stored rows must pass through {@link #check}: some field's stored values must
   * meet a stricter declaration, a default must be written, or a SECRET field must hold none.
   */
  public boolean needsScan() {
    return !checked.isEmpty() || !filled.isEmpty() || !emptySecrets.isEmpty();
  }

  /**
   * Checks one stored resource against the change, remembering the offenders, and returns its
   * spec and status JSON with the defaults filled in ({@code [spec, status]}), or null when it
   * needs no rewrite.
   */
  public String[] check(String id, String specJson, String statusJson) {
    ObjectNode spec = object(specJson);
    ObjectNode status = object(statusJson);
    for (JsonPath p : emptySecrets) {
      if (present(valueAt(root(p, spec, status), p))) {
        offend(id, p, "holds a value, which would be left unsealed or undeclared; remove it"
            + " first");
      }
    }
    for (KindDefinition.Field f : checked) {
      JsonNode v = valueAt(root(f.path(), spec, status), f.path());
      f.problem(v).ifPresent(problem -> offend(id, f.path(), problem));
    }
    boolean rewritten = false;
    for (KindDefinition.Field f : filled) {
      ObjectNode root = root(f.path(), spec, status);
      if (!present(valueAt(root, f.path()))) {
        ObjectNode parent = parentFor(root, f.path());
        if (parent == null) {
          offend(id, f.path(), "cannot take the default: a value on its path is not an object");
        } else {
          parent.set(last(f.path()), f.defaultValue().orElseThrow());
          rewritten = true;
        }
      }
    }
    return rewritten ? new String[] {Json.write(spec), Json.write(status)} : null;
  }

  /**
   * Throws a {@link FailedPreconditionException} naming each field the stored rows break, what
   * is wrong and up to {@link #NAMED_IDS} offending ids, when any does.
   */
  public void refuseIfViolated() {
    if (offenders.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    offenders.forEach((key, o) -> parts.add(key + " " + o.problem + " in " + o.count
        + " stored resource" + (o.count == 1 ? "" : "s") + " (" + String.join(", ", o.ids)
        + (o.count > o.ids.size() ? ", ..." : "") + ")"));
    throw new FailedPreconditionException("kind " + next.kind() + ": the stored resources"
        + " break the changed definition: " + String.join("; ", parts)
        + "; change them first (nothing was changed)");
  }

  private void offend(String id, JsonPath path, String problem) {
    Offenders o = offenders.computeIfAbsent("field " + path.text() + ":",
        k -> new Offenders(problem));
    o.count++;
    if (o.ids.size() < NAMED_IDS) {
      o.ids.add(id);
    }
  }

  private static ObjectNode object(String json) {
    if (json == null || json.isEmpty()) {
      return Json.nodes().objectNode();
    }
    JsonNode n = Json.parseTrusted(json);
    return n instanceof ObjectNode o ? o : Json.nodes().objectNode();
  }

  private static ObjectNode root(JsonPath p, ObjectNode spec, ObjectNode status) {
    return "spec".equals(p.root()) ? spec : status;
  }

  private static boolean present(JsonNode v) {
    return v != null && !v.isNull() && !v.isMissingNode();
  }

  private static JsonNode valueAt(JsonNode root, JsonPath p) {
    JsonNode n = root;
    for (String s : p.segments()) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(s);
    }
    return n;
  }

  /**
   * The object holding the last segment of {@code p} (a declared field's path) in its root
   * document {@code root}, the objects on the way made where absent or null; null when a value
   * on the way is not an object, so the field cannot hold a value there. Writes filling a default
   * and definition changes filling one find where it goes the same way.
   */
  public static ObjectNode parentFor(ObjectNode root, JsonPath p) {
    ObjectNode n = root;
    List<String> segs = p.segments();
    for (String s : segs.subList(0, segs.size() - 1)) {
      JsonNode c = n.get(s);
      if (c == null || c.isNull()) {
        n = n.putObject(s);
      } else if (c instanceof ObjectNode o) {
        n = o;
      } else {
        return null;
      }
    }
    return n;
  }

  private static String last(JsonPath p) {
    return p.segments().get(p.segments().size() - 1);
  }
}
