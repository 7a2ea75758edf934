package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.local.modulepath.ModulePathTckMain;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the module descriptors work: a child JVM runs TCK suites on SQLite with agentstore, the
 * TCK, the backend and every dependency as modules on the module path (only the suites' small
 * subclasses stay on the class path). The other tests of this module run on the class path.
 */
class ModulePathTckTest {
  @TempDir Path scratch;

  @Test
  void tckSuitesPassWithEverythingOnTheModulePath() throws Exception {
    Path testClasses = codeSourceOf(ModulePathTckMain.class);
    // Surefire sets java.class.path to the test class path: this module's classes, the sibling
    // modules' classes or jars and every dependency. All of it but the test classes is a module.
    List<String> modulePath = Arrays.stream(
            System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(entry -> !Path.of(entry).toAbsolutePath().equals(testClasses))
        .filter(entry -> !entry.contains("surefire"))
        // Other modules' test classes (backend-sql's test-jar) would split their main packages.
        .filter(entry -> !isTestOutput(entry))
        .collect(Collectors.toList());
    Path output = scratch.resolve("child-output.txt");
    Path stores = Files.createDirectories(scratch.resolve("stores"));

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "--module-path", String.join(File.pathSeparator, modulePath),
        "--add-modules", "dev.agentstore.local,dev.agentstore.tck,"
            + "org.junit.platform.launcher,org.junit.jupiter.engine",
        "-cp", testClasses.toString(),
        ModulePathTckMain.class.getName(), stores.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    boolean finished = child.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(finished).as("child JVM finished; output:%n%s", out).isTrue();
    assertThat(out)
        .contains("api.module=dev.agentstore\n")
        .contains("api.exportsInternal=false\n")
        .contains("tck.module=dev.agentstore.tck\n")
        .contains("providers=dev.agentstore.local/dev.agentstore.local.LocalBackendProvider\n")
        .contains("tests.failed=0\n");
    assertThat(succeeded(out)).as("tests that passed on the module path; output:%n%s", out)
        .isGreaterThan(0);
    assertThat(child.exitValue()).as("child exit code; output:%n%s", out).isZero();
  }

  private static long succeeded(String out) {
    return out.lines().filter(l -> l.startsWith("tests.succeeded="))
        .mapToLong(l -> Long.parseLong(l.substring("tests.succeeded=".length())))
        .findFirst().orElse(-1);
  }

  private static boolean isTestOutput(String entry) {
    Path p = Path.of(entry).normalize();
    String name = p.getFileName() == null ? "" : p.getFileName().toString();
    return name.equals("test-classes") || name.endsWith("-tests.jar");
  }

  private static Path codeSourceOf(Class<?> type) throws URISyntaxException, IOException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toAbsolutePath();
  }
}
