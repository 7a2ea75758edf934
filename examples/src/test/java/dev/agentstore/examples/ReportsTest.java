package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent performance and MCP tool usage reports group, filter and sum as AFU-9 asks, and the
 * retention pass deletes the executions past 90 days with their tool calls.
 */
class ReportsTest {
  @TempDir
  Path dir;

  @Test
  void reportsAgentPerformanceToolUsageAndRetention() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Reports.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out.lines().filter(l -> l.startsWith("  ")).toList()).containsExactly(
        "  Support Bot / gpt-4o: runs=2 avgDurationMs=1000 avgInputTokens=1000"
            + " avgOutputTokens=250 costUsd=0.3",
        "  Support Bot / gpt-4o-mini: runs=1 avgDurationMs=300 avgInputTokens=400"
            + " avgOutputTokens=100 costUsd=0.01",
        "  Triage Bot / gpt-4o-mini: runs=1 avgDurationMs=100 avgInputTokens=200"
            + " avgOutputTokens=50 costUsd=0.005",
        "  github / search_issues: calls=2 avgDurationMs=100 errors=0",
        "  filesystem / read_file: calls=1 avgDurationMs=15 errors=0",
        "  github / create_issue: calls=1 avgDurationMs=300 errors=1");
    assertThat(out).contains("retention, 90 days: deleted 1 executions; tool calls 6 -> 5");
  }
}
