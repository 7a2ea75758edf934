package dev.agentstore.examples;

import com.google.adk.artifacts.BaseArtifactService;
import com.google.genai.types.Part;
import dev.agentstore.AgentStore;
import dev.agentstore.adk.AgentStoreArtifactService;
import dev.agentstore.model.Organization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Google ADK artifacts kept in agentstore: each run saves a new version of {@code report.txt},
 * lists its versions, loads the first and the latest, and saves then deletes a scratch file.
 *
 * <p>Usage: {@code GoogleAdkArtifactsExample.run(Path.of("/tmp/agents"), System.out);}
 */
public final class GoogleAdkArtifactsExample {
  private GoogleAdkArtifactsExample() {}

  /** Saves one more version of chat-1's report in the store at {@code dir} and prints them. */
  public static void run(Path dir, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      Organization org = store.organizations().apply(Organization.builder().name("Acme").build());
      BaseArtifactService artifacts = new AgentStoreArtifactService(store, org.id());
      List<Integer> before = artifacts.listVersions("support", "user-42", "chat-1", "report.txt")
          .blockingGet();
      int saved = artifacts.saveArtifact("support", "user-42", "chat-1", "report.txt",
          Part.fromText("report, draft " + (before.size() + 1))).blockingGet();
      List<Integer> versions = artifacts.listVersions("support", "user-42", "chat-1",
          "report.txt").blockingGet();
      Part first = artifacts.loadArtifact("support", "user-42", "chat-1", "report.txt", 0)
          .blockingGet();
      Part latest = artifacts.loadArtifact("support", "user-42", "chat-1", "report.txt", null)
          .blockingGet();
      artifacts.saveArtifact("support", "user-42", "chat-1", "scratch.txt", Part.fromText("tmp"))
          .blockingGet();
      List<String> withScratch = artifacts.listArtifactKeys("support", "user-42", "chat-1")
          .blockingGet().filenames();
      artifacts.deleteArtifact("support", "user-42", "chat-1", "scratch.txt").blockingAwait();
      List<String> files = artifacts.listArtifactKeys("support", "user-42", "chat-1")
          .blockingGet().filenames();
      out.println("saved report.txt version " + saved + "; versions " + versions);
      out.println("version 0: " + first.text().orElse("") + "; latest: "
          + latest.text().orElse(""));
      out.println("files " + withScratch + ", after deleting scratch.txt " + files);
    }
  }
}
