package dev.agentstore.examples;

import dev.agentstore.AgentStore;
import dev.agentstore.langgraph4j.AgentStoreCheckpointSaver;
import dev.agentstore.model.Organization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.checkpoint.Checkpoint;

/**
 * LangGraph4j checkpoints kept in agentstore: each run adds one checkpoint to thread-1, whose
 * parent is the previous run's.
 *
 * <p>Usage: {@code LangGraph4jCheckpointsExample.run(Path.of("/tmp/agents"), System.out);}
 */
public final class LangGraph4jCheckpointsExample {
  private LangGraph4jCheckpointsExample() {}

  /** Adds one checkpoint to thread-1 in the store at {@code dir} and prints the thread. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      Organization org = store.organizations().apply(Organization.builder().name("Acme").build());
      AgentStoreCheckpointSaver saver = new AgentStoreCheckpointSaver(store, org.id());
      RunnableConfig thread = RunnableConfig.builder().threadId("thread-1").build();
      int step = saver.list(thread).size() + 1;
      RunnableConfig saved = saver.put(thread, Checkpoint.builder().id("step-" + step)
          .nodeId("agent").nextNodeId("tools").state(Map.of("step", step)).build());
      out.println("thread-1 has " + saver.list(thread).size() + " checkpoints, newest "
          + saved.checkPointId().orElseThrow() + " with parent "
          + saver.parentId(saved).orElse("none"));
    }
  }
}
