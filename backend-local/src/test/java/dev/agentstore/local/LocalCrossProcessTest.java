package dev.agentstore.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstore.AgentStore;
import dev.agentstore.Query;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes open the same new SQLite store at the same moment (migrations run once) and
 * write concurrently: both succeed, with no busy errors, and every write is there afterwards.
 */
class LocalCrossProcessTest {
  @TempDir
  Path dir;

  @Test
  void twoProcessesOpenAndWriteTheSameNewStore() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrossProcessWriter.class.getName(),
          dir.toString(), "process-" + i, "40").redirectErrorStream(true)
          .redirectOutput(dir.resolveSibling(dir.getFileName() + "-child" + i + ".log").toFile())
          .start());
    }
    for (int i = 0; i < children.size(); i++) {
      Process p = children.get(i);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child %d finished", i).isTrue();
      File log = dir.resolveSibling(dir.getFileName() + "-child" + i + ".log").toFile();
      String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("child %d output:%n%s", i, out).isZero();
      assertThat(out).contains("OK org-");
    }
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      assertThat(store.organizations().count(Query.all())).isEqualTo(2);
      assertThat(store.agents().count(Query.all())).isEqualTo(80);
    }
  }
}
