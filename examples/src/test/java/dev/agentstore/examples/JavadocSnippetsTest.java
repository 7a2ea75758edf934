package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps Javadoc usage lines from rotting: every {@code Usage: {@code ...}} line and every
 * {@code <pre>{@code ...}</pre>} block on a public type outside {@code internal} packages must
 * appear, token for token, in the compiled snippet sources under {@code src/test/java/.../snippets}.
 * The README's {@code java} blocks are held to the same rule. A usage line that no longer
 * compiles therefore fails the build: first here, as a snippet that
 * is missing from compiled code, then in the compiler once it is copied there.
 */
class JavadocSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> MODULES = List.of("backend-api", "backend-sql",
      "backend-local", "backend-postgres", "artifacts-s3", "backend-tck",
      "integrations/conversations", "integrations/langchain4j",
      "integrations/langchain4j-agentic", "integrations/google-adk",
      "integrations/langgraph4j");
  private static final Pattern USAGE_LINE = Pattern.compile("Usage:\\s*\\{@code ");
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "(?m)^public (final |abstract |sealed )*(class|interface|record|enum|@interface) ");
  private static final Pattern README_JAVA = Pattern.compile("```java\\n([\\s\\S]*?)```");
  private static final Pattern PRE_BLOCK =
      Pattern.compile("<pre>\\{@code\\s*\\n([\\s\\S]*?)\\}</pre>");

  /** One usage snippet with where it was found. */
  record Snippet(Path file, int line, String code) {
    String normalised() {
      return normalise(code);
    }
  }

  @Test
  void everyPublicUsageSnippetIsCompiledCode() {
    String compiled = normalise(readAll(Path.of("src/test/java/dev/agentstore/examples/snippets")));
    List<String> missing = new ArrayList<>();
    List<Snippet> all = publicSnippets();
    for (Snippet s : all) {
      if (s.code().strip().startsWith("<")) {
        continue; // build configuration (a pom's XML), not Java
      }
      if (!appearsIn(compiled, s.normalised())) {
        missing.add(ROOT.relativize(s.file()) + ":" + s.line() + ": " + s.code().strip());
      }
    }
    assertThat(all).as("usage snippets found in the sources").hasSizeGreaterThan(50);
    assertThat(missing).as("usage snippets that are not in compiled snippet code"
        + " (copy each into examples/src/test/java/dev/agentstore/examples/snippets)").isEmpty();
  }

  @Test
  void everyJavaBlockOfTheReadmeIsCompiledCode() {
    String compiled = normalise(readAll(Path.of("src/test/java/dev/agentstore/examples/snippets"))
        + readAll(Path.of("src/main/java")));
    Path readme = ROOT.resolve("README.md");
    List<Snippet> blocks = new ArrayList<>();
    Matcher m = README_JAVA.matcher(readFile(readme));
    while (m.find()) {
      blocks.add(new Snippet(readme, lineOf(readFile(readme), m.start()), m.group(1)));
    }
    assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(3);
    assertThat(blocks.stream().filter(b -> !appearsIn(compiled, b.normalised()))
        .map(b -> "README.md:" + b.line()).toList())
        .as("README java blocks not in compiled code (see snippets/ReadmeSnippets.java)").isEmpty();
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Snippet> publicSnippets() {
    List<Snippet> out = new ArrayList<>();
    for (String module : MODULES) {
      Path src = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(src)) {
        files.filter(p -> p.toString().endsWith(".java"))
            .filter(p -> !p.toString().contains("/internal/"))
            .filter(JavadocSnippetsTest::declaresPublicType)
            .forEach(p -> out.addAll(snippetsOf(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Only public types are used from outside their package, so only their snippets must compile here. */
  private static boolean declaresPublicType(Path file) {
    try {
      return PUBLIC_TYPE.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Snippet> snippetsOf(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Snippet> out = new ArrayList<>();
    Matcher m = USAGE_LINE.matcher(text);
    while (m.find()) {
      int start = m.end();
      int end = closingBrace(text, start);
      String code = text.substring(start, end).replaceAll("\\n\\s*\\*", "\n");
      out.add(new Snippet(file, lineOf(text, m.start()), unescape(code)));
    }
    Matcher pre = PRE_BLOCK.matcher(text);
    while (pre.find()) {
      String code = pre.group(1).replaceAll("(?m)^\\s*\\*", "");
      out.add(new Snippet(file, lineOf(text, pre.start()), unescape(code)));
    }
    return out;
  }

  /** The index of the brace that closes a {@code {@code} tag opened just before {@code from}. */
  private static int closingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unclosed {@code at " + from);
  }

  private static String unescape(String code) {
    return code.replace("&#64;", "@").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Whitespace-insensitive form. */
  static String normalise(String code) {
    return code.replaceAll("\\s+", "");
  }

  /**
   * Whether {@code snippet} stands in {@code compiled}, reading each {@code ...} of the snippet as
   * elided code: the pieces between elisions must appear in order.
   */
  static boolean appearsIn(String compiled, String snippet) {
    StringBuilder regex = new StringBuilder();
    for (String piece : snippet.split("\\.\\.\\.", -1)) {
      if (regex.length() > 0) {
        regex.append("[\\s\\S]*?");
      }
      regex.append(Pattern.quote(piece));
    }
    return Pattern.compile(regex.toString()).matcher(compiled).find();
  }

  private static String readAll(Path dir) {
    StringBuilder sb = new StringBuilder();
    if (!Files.isDirectory(dir)) {
      return "";
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        sb.append(Files.readString(p)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }
}
