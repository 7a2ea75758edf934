package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.postgres.PostgresStores;
import dev.agentstore.secret.KeysetFileKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Command line" session, line by line: every {@code agentstore ...} line (and
 * {@code VAR=$(agentstore ...)}) runs in-process, with the shell's quoting and variables, and must
 * exit 0; on a SQLite store and on the embedded PostgreSQL.
 */
class ReadmeSessionTest {
  private static final Pattern SESSION = Pattern.compile(
      "## Command line\\n[\\s\\S]*?```sh\\n([\\s\\S]*?)```");
  private static final Pattern CAPTURE = Pattern.compile("([A-Z_]+)=\\$\\((agentstore .*)\\)");

  @TempDir
  Path dir;

  static List<String> sessionLines() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = SESSION.matcher(readme);
    assertThat(m.find()).as("README.md has a '## Command line' section with a sh block").isTrue();
    return m.group(1).lines().map(String::strip)
        .filter(l -> l.startsWith("agentstore ") || CAPTURE.matcher(l).matches()).toList();
  }

  @Test
  void theSessionRunsOnSqlite() throws Exception {
    String uri = "local:" + dir.resolve("demo");
    try (AgentStore store = AgentStore.open(uri)) {
      Seed.into(store);
    }
    replay(Cli.bare().env(AgentStoreCli.URI_VARIABLE, uri));
  }

  @Test
  void theSessionRunsOnPostgres() throws Exception {
    String url = PostgresStores.newDatabase();
    Path key = dir.resolve("master.key");
    KeysetFileKeyProvider.generate(key);
    String artifacts = "file:" + dir.resolve("artifacts");
    try (AgentStore store = AgentStore.builder().uri(url)
        .keyProvider(KeysetFileKeyProvider.existing(key)).artifacts(artifacts).open()) {
      Seed.into(store);
    }
    replay(Cli.bare().env(AgentStoreCli.URI_VARIABLE, url)
        .global("--key-file", key.toString(), "--artifacts", artifacts));
  }

  private void replay(Cli cli) throws Exception {
    List<String> lines = sessionLines();
    assertThat(lines).as("the session shows these commands")
        .anyMatch(l -> l.startsWith("agentstore migrate"))
        .anyMatch(l -> l.startsWith("agentstore ls "))
        .anyMatch(l -> l.startsWith("agentstore get "))
        .anyMatch(l -> l.startsWith("agentstore history "))
        .anyMatch(l -> l.startsWith("agentstore changes "))
        .anyMatch(l -> l.startsWith("agentstore doctor"));
    Map<String, String> vars = new HashMap<>();
    for (String line : lines) {
      Matcher capture = CAPTURE.matcher(line);
      String command = capture.matches() ? capture.group(2) : line;
      List<String> words = words(command, vars);
      Cli.Result r = cli.run(words.subList(1, words.size()).toArray(String[]::new));
      assertThat(r.code()).as(line + "\n" + r).isZero();
      assertThat(r.out()).as(line).isNotBlank();
      if (capture.matches()) {
        vars.put(capture.group(1), r.out().strip());
      }
    }
    assertThat(vars.get("RUN")).startsWith("aex-");
  }

  /** The words of a shell line: single and double quotes, {@code "$VAR"} and {@code $VAR}. */
  static List<String> words(String line, Map<String, String> vars) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
        continue;
      }
      word = word == null ? new StringBuilder() : word;
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else if (c == '$' && quote != '\'') {
        int end = i + 1;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end))
            || line.charAt(end) == '_')) {
          end++;
        }
        String name = line.substring(i + 1, end);
        assertThat(vars).as("$" + name + " is set earlier in the session").containsKey(name);
        word.append(vars.get(name));
        i = end - 1;
      } else {
        word.append(c);
      }
    }
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }
}
