package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart runs on a fresh directory and again on the same one (apply is idempotent). */
class QuickstartTest {
  @TempDir
  Path dir;

  @Test
  void runsTwiceOnTheSameDirectory() {
    for (int round = 1; round <= 2; round++) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      Quickstart.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
      String out = buf.toString(StandardCharsets.UTF_8);
      assertThat(out).contains("organization acme-corp")
          .contains("is COMPLETED with 3 messages and 1 tool call(s)")
          .contains("instances with env=prod: 1")
          .contains("completed gpt-4o executions: " + round)
          .contains("history v1 CREATED by quickstart")
          .contains("PAYMENTS_TOKEN").contains("value=***")
          .doesNotContain("tok_live_quickstart_only")
          .contains("artifact aex-");
    }
  }
}
