package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run of the agentic example continues the journal the earlier runs stored. */
class LangChain4jAgenticScopesExampleTest {
  @TempDir
  Path dir;

  @Test
  void theSecondRunContinuesTheStoredScope() {
    assertThat(run("snow")).contains("journal-1: snow");
    assertThat(run("rain")).contains("journal-1: snow, rain");
  }

  private String run(String entry) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    LangChain4jAgenticScopesExample.run(dir, entry,
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
