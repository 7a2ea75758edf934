package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second run of the ADK artifact example adds version 1 and still loads version 0. */
class GoogleAdkArtifactsExampleTest {
  @TempDir
  Path dir;

  @Test
  void eachRunAddsAVersionAndKeepsTheEarlierOnes() {
    assertThat(run()).contains("saved report.txt version 0; versions [0]",
        "version 0: report, draft 1; latest: report, draft 1",
        "files [report.txt, scratch.txt], after deleting scratch.txt [report.txt]");
    assertThat(run()).contains("saved report.txt version 1; versions [0, 1]",
        "version 0: report, draft 1; latest: report, draft 2",
        "files [report.txt, scratch.txt], after deleting scratch.txt [report.txt]");
  }

  private String run() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    GoogleAdkArtifactsExample.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }
}
