package dev.agentstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.FieldType;
import dev.agentstore.Kind;
import dev.agentstore.KindDefinition;
import dev.agentstore.Resource;
import dev.agentstore.ResourceType;
import dev.agentstore.UpdatableRepository;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Kind names as the command line takes them: a built-in kind ({@code Agent}, {@code agents},
 * {@code agent-executions}, {@code AGENT_EXECUTION}), or a kind the store declares, by
 * {@code group/Kind} ({@code swarm.dev/Trigger}) or by its name alone ({@code Trigger},
 * {@code triggers}) when no other kind has it; and each kind's repository.
 */
final class Kinds implements Iterable<String> {

  /** The kind {@code text} names among the built-in kinds and those {@code store} declares. */
  static Kind parse(AgentStore store, String text) {
    List<Kind> declared = store.kinds().stream().map(KindDefinition::kind).toList();
    for (Kind k : declared) {
      if (k.name().equalsIgnoreCase(text)) {
        return k;
      }
    }
    String wanted = squash(text);
    for (Kind k : Kind.resourceKinds()) {
      if (names(k, wanted)) {
        return k;
      }
    }
    List<Kind> matches = declared.stream().filter(k -> names(k, wanted)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw new CommandLine.TypeConversionException("kind '" + text + "' is ambiguous: name"
          + " one of " + matches.stream().map(Kind::name).collect(Collectors.joining(", ")));
    }
    List<String> all = new ArrayList<>();
    Kind.resourceKinds().forEach(k -> all.add(k.kindName()));
    declared.forEach(k -> all.add(k.name()));
    throw new CommandLine.TypeConversionException("unknown kind '" + text + "': expected one of "
        + String.join(", ", all));
  }

  /** Whether {@code wanted} (squashed) is the kind's name, or its plural. */
  private static boolean names(Kind k, String wanted) {
    String name = squash(k.kindName());
    return wanted.equals(name) || wanted.equals(name + "s") || wanted.equals(name + "es")
        || (name.endsWith("y") && wanted.equals(name.substring(0, name.length() - 1) + "ies"));
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /**
   * The kind of a resource id, built-in or declared in {@code store}, or null when no kind has
   * its prefix.
   */
  static Kind ofId(AgentStore store, String id) {
    Kind k = Kind.fromId(id).orElse(null);
    if (k != null) {
      return k;
    }
    int dash = id.indexOf('-');
    String prefix = dash <= 0 ? "" : id.substring(0, dash);
    return store.kinds().stream().filter(d -> d.idPrefix().equals(prefix))
        .map(KindDefinition::kind).findFirst().orElse(null);
  }

  /** The built-in kind names, for completion and help. */
  @Override
  public Iterator<String> iterator() {
    return Kind.resourceKinds().stream().map(Kind::kindName).iterator();
  }

  /**
   * The repository of {@code kind}: API keys have their own, declared kinds theirs (spec and
   * status as JSON), every other kind the generic one.
   */
  static UpdatableRepository<? extends Resource<?, ?>> repository(AgentStore store, Kind kind) {
    if (kind == Kind.API_KEY) {
      return store.apiKeys();
    }
    if (kind.definition().isPresent()) {
      return store.resources(kind.definition().get());
    }
    return store.repository(ResourceType.of(kind));
  }

  /**
   * Masks the declared SECRET fields of {@code kind} in an envelope tree (a resource, a history
   * snapshot): their values, opened or sealed, show as {@value Output#MASK}.
   */
  static <T extends JsonNode> T maskDeclared(Kind kind, T tree) {
    if (kind == null || kind.definition().isEmpty() || tree == null) {
      return tree;
    }
    for (KindDefinition.Field f : kind.definition().get().fields()) {
      if (f.type() != FieldType.SECRET) {
        continue;
      }
      JsonNode n = tree.path(f.path().root());
      List<String> segments = f.path().segments();
      for (String s : segments.subList(0, segments.size() - 1)) {
        n = n.path(s);
      }
      String last = segments.get(segments.size() - 1);
      if (n instanceof ObjectNode o && o.hasNonNull(last)) {
        o.put(last, Output.MASK);
      }
    }
    return tree;
  }
}
