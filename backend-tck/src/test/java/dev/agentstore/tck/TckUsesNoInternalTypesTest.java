package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The TCK is what a third-party backend author runs, so it must hold itself to the exported API:
 * no compiled TCK class may name a type in another module's {@code internal} package (the TCK's
 * own {@code dev.agentstore.tck.internal} helpers are its business). Scans the constant pools of
 * the compiled suites, so imports, casts, descriptors and reflective names all count.
 */
class TckUsesNoInternalTypesTest {
  /** A binary or dotted class name under dev.agentstore, as it appears in a constant pool. */
  private static final Pattern AGENTSTORE_NAME =
      Pattern.compile("dev[/.]agentstore[/.][A-Za-z0-9_$/.]+");

  @Test
  void compiledSuitesReferenceNoInternalPackageOfAnotherModule() throws Exception {
    Path classes = Path.of(TckSupport.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Set<String> offenders = new TreeSet<>();
    int scanned = forEachClass(classes, (name, bytes) -> {
      for (String ref : agentstoreNames(bytes)) {
        if (isForeignInternal(ref)) {
          offenders.add(name + " -> " + ref);
        }
      }
    });

    assertThat(scanned).as("TCK classes scanned in %s", classes).isGreaterThan(10);
    assertThat(offenders).as("TCK classes naming internal types").isEmpty();
  }

  @Test
  void theCheckRecognisesInternalNamesInEveryForm() {
    assertThat(isForeignInternal("dev/agentstore/internal/DefaultAgentStore")).isTrue();
    assertThat(isForeignInternal("dev.agentstore.sql.internal.SqlErrors")).isTrue();
    assertThat(isForeignInternal("dev/agentstore/internal/artifacts/FileSystemArtifactStore"))
        .isTrue();
    assertThat(isForeignInternal("dev/agentstore/tck/internal/DeterministicStream")).isFalse();
    assertThat(isForeignInternal("dev/agentstore/spi/StoreBackends")).isFalse();
    assertThat(agentstoreNames("\u0001\u0000(Ldev/agentstore/internal/Repo;)V"
        .getBytes(StandardCharsets.ISO_8859_1)))
        .containsExactly("dev/agentstore/internal/Repo");
  }

  /** True for a name inside some module's internal package other than the TCK's own. */
  static boolean isForeignInternal(String name) {
    String slashed = name.replace('.', '/');
    return !slashed.startsWith("dev/agentstore/tck/") && slashed.contains("/internal/");
  }

  static Set<String> agentstoreNames(byte[] classFile) {
    // Class names in the constant pool are ASCII, so a byte-per-char view finds them intact.
    Matcher m = AGENTSTORE_NAME.matcher(new String(classFile, StandardCharsets.ISO_8859_1));
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  interface ClassVisitor {
    void visit(String name, byte[] bytes) throws IOException;
  }

  /** Visits every .class file of a classes directory or jar; returns how many. */
  private static int forEachClass(Path location, ClassVisitor visitor) throws IOException {
    if (Files.isDirectory(location)) {
      return visitTree(location, visitor);
    }
    try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()),
        Map.of())) {
      return visitTree(jar.getPath("/"), visitor);
    }
  }

  private static int visitTree(Path root, ClassVisitor visitor) throws IOException {
    int[] count = {0};
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        visitor.visit(root.relativize(file).toString(), Files.readAllBytes(file));
        count[0]++;
      }
    }
    return count[0];
  }
}
