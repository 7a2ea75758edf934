package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second run of the ADK example continues the first one's session and user state. */
class GoogleAdkSessionsExampleTest {
  @TempDir
  Path dir;

  @Test
  void theSecondRunContinuesTheSession() {
    assertThat(run()).contains("chat-1 has 1 events, user:visits=1");
    assertThat(run()).contains("chat-1 has 2 events, user:visits=2");
  }

  private String run() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    GoogleAdkSessionsExample.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
