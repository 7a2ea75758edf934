package dev.agentstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom kinds example declares Swarm's and Amelia's kinds and the database holds each key. */
class CustomKindsTest {
  @TempDir
  Path dir;

  @Test
  void triggersEventsAndProfilesKeepTheirKeys() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CustomKinds.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertThat(buf.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "second trigger on /hooks/github refused: the webhook path is unique",
        "due: nightly at 2026-12-01T02:00:00Z",
        "due: hourly at 2026-12-01T11:00:00Z",
        "events of ses-1 after a retried append of 3: 3",
        "tool event 2: tool_call",
        "tool event 3: tool_result",
        "activating a second profile of ada refused: one active profile per owner",
        "active profile of ada: home");
  }

  @Test
  void aSecondRunOnTheSameStoreFindsTheKindsAlreadyDeclared() {
    CustomKinds.run(dir, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    try (var store = dev.agentstore.AgentStore.open("local:" + dir)) {
      assertThat(store.kinds()).containsExactly(CustomKinds.TRIGGER, CustomKinds.SESSION,
          CustomKinds.PROFILE);
    }
  }
}
