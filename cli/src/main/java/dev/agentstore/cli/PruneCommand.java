package dev.agentstore.cli;

import dev.agentstore.AgentStore;
import dev.agentstore.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prune --older-than DURATION}: deletes old history entries (never a latest one). */
@Command(name = "prune", sortOptions = false,
    description = {"Delete history entries older than a duration, for all kinds or one."
        + " A resource's latest entry is always kept."})
final class PruneCommand extends StoreCommand implements Callable<Integer> {
  @Option(names = "--older-than", required = true, paramLabel = "DURATION",
      converter = Durations.class,
      description = "e.g. 90d, 12h, 30m, 2w, or ISO-8601 (P30D, PT12H).")
  Duration olderThan;

  @Option(names = "--kind", paramLabel = "KIND", completionCandidates = Kinds.class,
      description = "Only this kind's entries (built-in, or declared: swarm.dev/Trigger).")
  String kindName;

  @Override
  public Integer call() {
    Instant cutoff = Instant.now().minus(olderThan);
    try (AgentStore store = root.open()) {
      Kind kind = kindName == null ? null : kindNamed(store, "--kind", kindName);
      long n = kind == null ? store.history().prune(cutoff) : store.history().prune(cutoff, kind);
      out().printf("Pruned %d history entries older than %s%s.%n", n, cutoff,
          kind == null ? "" : " of kind " + kind.kindName());
    }
    return AgentStoreCli.OK;
  }

  /** Durations as operators write them: {@code 90d}, {@code 12h}, or ISO-8601. */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(w|d|h|m|s)");

    @Override
    public Duration convert(String text) {
      Duration d = parse(text.strip().toLowerCase(Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new CommandLine.TypeConversionException("'" + text + "' is not a positive duration");
      }
      return d;
    }

    private static Duration parse(String s) {
      Matcher m = SHORT.matcher(s);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "w" -> Duration.ofDays(7 * n);
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        };
      }
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + s + "' is not a duration: use e.g."
            + " 90d, 12h, 30m, 2w or ISO-8601 (P30D)");
      }
    }
  }
}
