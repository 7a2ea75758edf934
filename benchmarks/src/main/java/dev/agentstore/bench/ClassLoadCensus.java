package dev.agentstore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cold open spends its time on, as data: one extra, unmeasured child JVM opens the store
 * with {@code -Xlog:class+load}, and the log is summed up per library (classes loaded, and when
 * the library's first class loaded, in JVM uptime), in load order. Printed in the report beside
 * the cold-open figures.
 *
 * <p>Usage: {@code String note = ClassLoadCensus.of(log, childOutcome);}
 */
final class ClassLoadCensus {
  private static final Pattern LINE = Pattern.compile("\\[(\\d+\\.\\d+)s\\] (\\S+) source:.*");
  private static final Map<String, String[]> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("Flyway", new String[] {"org.flywaydb."});
    GROUPS.put("Jackson", new String[] {"com.fasterxml.jackson."});
    GROUPS.put("HikariCP", new String[] {"com.zaxxer.hikari."});
    GROUPS.put("jOOQ", new String[] {"org.jooq."});
    GROUPS.put("Tink + protobuf", new String[] {"com.google.crypto.tink.", "com.google.protobuf."});
    GROUPS.put("JDBC driver", new String[] {"org.sqlite.", "org.postgresql."});
    GROUPS.put("agentstore", new String[] {"dev.agentstore."});
  }

  private ClassLoadCensus() {}

  /** The JVM flag that writes the class-load log to {@code log}. */
  static String flag(Path log) {
    return "-Xlog:class+load=info:file=" + log + ":uptime";
  }

  /** A one-line summary of {@code log}: total classes, then per library count and first load. */
  static String summarize(Path log) throws IOException {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, Double> first = new LinkedHashMap<>();
    int total = 0;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      total++;
      String cls = m.group(2);
      for (Map.Entry<String, String[]> g : GROUPS.entrySet()) {
        for (String prefix : g.getValue()) {
          if (cls.startsWith(prefix)) {
            counts.computeIfAbsent(g.getKey(), k -> new int[1])[0]++;
            first.putIfAbsent(g.getKey(), Double.parseDouble(m.group(1)));
          }
        }
      }
    }
    List<String> parts = new ArrayList<>();
    first.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> parts.add(
        String.format(Locale.ROOT, "%s %,d from %.2f s", e.getKey(), counts.get(e.getKey())[0],
            e.getValue())));
    return String.format(Locale.ROOT, "one traced open + get loaded %,d classes: %s", total,
        String.join(", ", parts));
  }
}
