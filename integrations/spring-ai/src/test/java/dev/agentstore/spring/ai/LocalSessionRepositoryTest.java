package dev.agentstore.spring.ai;

import dev.agentstore.AgentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SessionRepository contract on SQLite. */
class LocalSessionRepositoryTest extends SessionRepositoryContract {
  @TempDir Path dir;

  @Override
  protected AgentStore.Builder newBuilder() {
    return AgentStore.builder().uri("local:" + dir.resolve("store"));
  }
}
