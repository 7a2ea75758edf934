package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second run of the LangChain4j example continues the first one's conversation. */
class LangChain4jChatMemoryExampleTest {
  @TempDir
  Path dir;

  @Test
  void theSecondRunContinuesTheConversation() {
    assertThat(run()).contains("user-42 has 2 messages, the last: answer 1");
    assertThat(run()).contains("user-42 has 4 messages, the last: answer 2");
  }

  private String run() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    LangChain4jChatMemoryExample.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
