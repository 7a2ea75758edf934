package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import dev.agentstore.Resource;
import dev.agentstore.ResourceType;
import dev.agentstore.UpdatableRepository;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Kind names as the command line takes them ({@code Agent}, {@code agents},
 * {@code agent-executions}, {@code AGENT_EXECUTION}), and each kind's repository.
 */
final class Kinds implements CommandLine.ITypeConverter<Kind>, Iterable<String> {

  @Override
  public Kind convert(String value) {
    return parse(value);
  }

  /** The kind {@code text} names, or a usage error listing the kinds. */
  static Kind parse(String text) {
    String wanted = squash(text);
    for (Kind k : Kind.resourceKinds()) {
      String name = squash(k.kindName());
      if (wanted.equals(name) || wanted.equals(name + "s") || wanted.equals(name + "es")
          || (name.endsWith("y") && wanted.equals(name.substring(0, name.length() - 1) + "ies"))) {
        return k;
      }
    }
    throw new CommandLine.TypeConversionException("unknown kind '" + text + "': expected one of "
        + Kind.resourceKinds().stream().map(Kind::kindName).collect(Collectors.joining(", ")));
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** The kind names, for completion and help. */
  @Override
  public Iterator<String> iterator() {
    return Kind.resourceKinds().stream().map(Kind::kindName).iterator();
  }

  /** The repository of {@code kind}: API keys have their own, every other kind the generic one. */
  static UpdatableRepository<? extends Resource<?, ?>> repository(AgentStore store, Kind kind) {
    if (kind == Kind.API_KEY) {
      return store.apiKeys();
    }
    return store.repository(ResourceType.of(kind));
  }
}
