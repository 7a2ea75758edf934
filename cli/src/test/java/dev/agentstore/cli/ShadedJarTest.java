package dev.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar that {@code package} built, run as a user runs it: {@code java -jar} in a
 * child JVM. It runs in the integration-test phase (see the module's pom), after the jar exists.
 */
class ShadedJarTest {
  @TempDir
  Path dir;

  /** The one jar {@code cli/target/agentstore-cli-*.jar} names. */
  static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars = files.filter(p -> p.getFileName().toString().matches(
          "agentstore-cli-.*\\.jar")).toList();
      assertThat(jars).as("exactly one jar matches agentstore-cli-*.jar").hasSize(1);
      return jars.get(0);
    }
  }

  record Run(int code, String out, String err) {}

  private Run java(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar().toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
            Path.of("/dev/null").toFile())).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void theJarFindsTheFileAndS3ArtifactStoresThroughServiceLoader() throws Exception {
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
        new java.net.URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> spi = loader.loadClass("dev.agentstore.spi.ArtifactStoreProvider");
      List<String> schemes = new ArrayList<>();
      for (Object provider : java.util.ServiceLoader.load(spi, loader)) {
        assertThat(provider.getClass().getClassLoader()).as("loaded from the jar")
            .isSameAs(loader);
        schemes.add((String) spi.getMethod("scheme").invoke(provider));
      }
      assertThat(schemes).contains("file", "s3");
    }
    assertThat(Files.size(jar())).as("jar size").isLessThan(80L << 20);
  }

  @Test
  void theJarPrintsItsHelpAndListsARealStore() throws Exception {
    Run help = java("--help");
    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: agentstore", "rotate-keys", "Exit codes:");

    Path store = dir.resolve("store");
    Seed seed;
    try (AgentStore s = AgentStore.open("local:" + store)) {
      seed = Seed.into(s);
    }
    Run ls = java("--store", "local:" + store, "ls", "agents");
    assertThat(ls.code()).as(ls.err()).isZero();
    assertThat(ls.out()).contains(seed.agent(), "Support Bot", "Sales Bot");
    assertThat(ls.err()).as("no logging noise on stderr").isEmpty();

    Run env = java("--store", "local:" + store, "ls", "environments", "-o", "yaml");
    assertThat(env.code()).as(env.err()).isZero();
    assertThat(env.out()).contains("'***'").doesNotContain(seed.envSecret());

    Run missing = java("--store", "local:" + store, "get", "agt-01j9zq3x5m8k2v7w4t6r0y1b2c");
    assertThat(missing.code()).isEqualTo(AgentStoreCli.NOT_FOUND);
    assertThat(missing.err()).contains("not found");

    Run usage = java("ls");
    assertThat(usage.code()).isEqualTo(AgentStoreCli.USAGE);
    assertThat(usage.err()).contains("Missing required parameter: 'KIND'");
  }
}
