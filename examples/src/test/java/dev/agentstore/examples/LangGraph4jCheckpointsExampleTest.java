package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second run of the LangGraph4j example chains its checkpoint to the first one's. */
class LangGraph4jCheckpointsExampleTest {
  @TempDir
  Path dir;

  @Test
  void theSecondRunChainsToTheFirst() {
    assertThat(run()).contains("thread-1 has 1 checkpoints, newest step-1 with parent none");
    assertThat(run()).contains("thread-1 has 2 checkpoints, newest step-2 with parent step-1");
  }

  private String run() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    LangGraph4jCheckpointsExample.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
