package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent performance report groups, filters and sums as AFU-9 asks. */
class ReportsTest {
  @TempDir
  Path dir;

  @Test
  void reportsAgentPerformanceOfTheLastWeekWithoutErrors() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Reports.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out.lines().filter(l -> l.startsWith("  ")).toList()).containsExactly(
        "  Support Bot / gpt-4o: runs=2 avgDurationMs=1000 avgInputTokens=1000"
            + " avgOutputTokens=250 costUsd=0.3",
        "  Support Bot / gpt-4o-mini: runs=1 avgDurationMs=300 avgInputTokens=400"
            + " avgOutputTokens=100 costUsd=0.01",
        "  Triage Bot / gpt-4o-mini: runs=1 avgDurationMs=100 avgInputTokens=200"
            + " avgOutputTokens=50 costUsd=0.005");
  }
}
