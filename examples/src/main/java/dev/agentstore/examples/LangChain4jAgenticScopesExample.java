package dev.agentstore.examples;

import dev.agentstore.AgentStore;
import dev.agentstore.langchain4j.agentic.AgentStoreAgenticScopeStore;
import dev.agentstore.model.Organization;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.scope.AgenticScopePersister;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.V;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j agentic scopes kept in agentstore: a workflow of two agent actions (no model)
 * keeps a journal in its scope's state; each run adds an entry to the journal the earlier runs,
 * in other processes, left in the store.
 *
 * <p>Usage: {@code LangChain4jAgenticScopesExample.run(Path.of("/tmp/agents"), "snow", System.out);}
 */
public final class LangChain4jAgenticScopesExample {
  private LangChain4jAgenticScopesExample() {}

  /** The agentic system: records an entry in the journal its memory id names. */
  public interface Journal {
    /** Adds {@code entry} to {@code journal}; returns the journal so far. */
    @Agent
    String record(@MemoryId String journal, @V("entry") String entry);
  }

  /** Records {@code entry} in journal-1 of the store at {@code dir} and prints the journal. */
  public static void run(Path dir, String entry, PrintStream out) {
    try (AgentStore store = AgentStore.open("local:" + dir)) {
      Organization org = store.organizations().apply(Organization.builder().name("Acme").build());
      AgenticScopePersister.setStore(new AgentStoreAgenticScopeStore(store, org.id()));
      try {
        AgenticServices.AgenticScopeAction append = AgenticServices.agentAction(scope -> {
          List<String> entries = new ArrayList<>(scope.readState("entries", List.<String>of()));
          entries.add((String) scope.readState("entry"));
          scope.writeState("entries", entries);
        });
        AgenticServices.AgenticScopeAction summarise = AgenticServices.agentAction(scope ->
            scope.writeState("journal", String.join(", ", scope.readState("entries",
                List.<String>of()))));
        Journal journal = AgenticServices.sequenceBuilder(Journal.class)
            .subAgents(append, summarise).outputKey("journal").build();
        out.println("journal-1: " + journal.record("journal-1", entry));
      } finally {
        AgenticScopePersister.setStore(null);
      }
    }
  }
}
