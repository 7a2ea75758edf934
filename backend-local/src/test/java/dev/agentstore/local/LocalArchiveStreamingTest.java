package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import stream (issue 14: memory stays flat with size): a child JVM with a 64 MiB
 * heap exports a store holding 192 MiB of incompressible artifacts (each as large as the heap)
 * to a file and imports it into a new store, every artifact's SHA-256 checked both ways and the
 * stores verified identical. The full 1 GiB in 256 MiB run is the benchmarks' archive probe.
 */
class LocalArchiveStreamingTest {
  private static final int COUNT = 3;
  private static final long SIZE = 64L << 20;

  @TempDir
  Path dir;

  @Test
  void exportAndImportOfArtifactsThreeTimesTheHeapStreamThroughA64MiBHeap() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", testClassPath(), StreamingArchiveChild.class.getName(), dir.toString(),
        String.valueOf(COUNT), String.valueOf(SIZE)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("verified=true").contains("artifacts=" + COUNT);
    assertThat(value(text, "maxHeapMiB")).isLessThanOrEqualTo(64);
    assertThat(value(text, "archiveBytes")).as("the archive holds every byte")
        .isGreaterThan(COUNT * SIZE);
    System.out.println(text);
  }

  /** Surefire's test class path (java.class.path may be its manifest-only booter jar). */
  private static String testClassPath() throws IOException {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }

  private static long value(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "=")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError("the child printed no " + name + ":\n" + text);
  }
}
