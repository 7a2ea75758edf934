package dev.agentstore.examples.snippets;

import com.google.adk.artifacts.BaseArtifactService;
import com.google.adk.sessions.BaseSessionService;
import dev.agentstore.AgentStore;
import dev.agentstore.adk.AgentStoreArtifactService;
import dev.agentstore.adk.AgentStoreSessionService;
import dev.agentstore.examples.GoogleAdkArtifactsExample;
import dev.agentstore.examples.GoogleAdkSessionsExample;
import dev.agentstore.examples.LangChain4jAgenticScopesExample;
import dev.agentstore.examples.LangGraph4jCheckpointsExample;
import dev.agentstore.langgraph4j.AgentStoreCheckpointSaver;
import dev.agentstore.examples.LangChain4jChatMemoryExample;
import dev.agentstore.integration.Conversations;
import dev.agentstore.integration.Conversations.Conversation;
import dev.agentstore.integration.Retries;
import dev.agentstore.model.Session;
import dev.agentstore.langchain4j.AgentStoreChatMemoryStore;
import dev.agentstore.langchain4j.agentic.AgentStoreAgenticScopeStore;
import dev.langchain4j.agentic.scope.AgenticScopePersister;
import dev.agentstore.model.Organization;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.nio.file.Path;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;

/** The Javadoc usage lines and README blocks of the framework integrations, as compiled code. */
final class IntegrationSnippets {
  private IntegrationSnippets() {}

  static Conversation conversation(AgentStore tx, String org) {
    Conversations c = new Conversations("lc4j"); Conversation open = c.open(tx, org, "user-42");
    return open;
  }

  static Session retried(AgentStore store, Conversations conversations, String org, String key) {
    Session s = Retries.onRaces(() -> store.inTransaction(tx -> conversations.open(tx, org, key).session()));
    return s;
  }

  static ChatMemoryStore langchain4j(AgentStore store, String orgId) {
    ChatMemoryStore memories = new AgentStoreChatMemoryStore(store, orgId);
    return memories;
  }

  static ChatMemory langchain4jReadme(AgentStore store, Organization org) {
    ChatMemoryStore memories = new AgentStoreChatMemoryStore(store, org.id());
    ChatMemory memory = MessageWindowChatMemory.builder().id("user-42").maxMessages(20)
        .chatMemoryStore(memories).build();
    return memory;
  }

  static void langchain4jAgentic(AgentStore store, String orgId) {
    AgenticScopePersister.setStore(new AgentStoreAgenticScopeStore(store, orgId));
  }

  static void langchain4jAgenticReadme(AgentStore store, Organization org) {
    AgenticScopePersister.setStore(new AgentStoreAgenticScopeStore(store, org.id()));
  }

  static void adk(AgentStore store, String orgId) {
    BaseSessionService sessions = new AgentStoreSessionService(store, orgId);
    BaseArtifactService artifacts = new AgentStoreArtifactService(store, orgId);
    System.out.println(sessions + " " + artifacts);
  }

  static void adkReadme(AgentStore store, Organization org) {
    BaseSessionService sessions = new AgentStoreSessionService(store, org.id());
    BaseArtifactService artifacts = new AgentStoreArtifactService(store, org.id());
    System.out.println(sessions + " " + artifacts);
  }

  static BaseCheckpointSaver langgraph4j(AgentStore store, String orgId) {
    BaseCheckpointSaver saver = new AgentStoreCheckpointSaver(store, orgId);
    return saver;
  }

  static RunnableConfig langgraph4jReadme(AgentStore store, Organization org) {
    BaseCheckpointSaver saver = new AgentStoreCheckpointSaver(store, org.id());
    CompileConfig config = CompileConfig.builder().checkpointSaver(saver).build();
    RunnableConfig thread = RunnableConfig.builder().threadId("thread-1").build();
    System.out.println(config);
    return thread;
  }

  static void examples() {
    LangGraph4jCheckpointsExample.run(Path.of("/tmp/agents"), System.out);
    LangChain4jChatMemoryExample.run(Path.of("/tmp/agents"), System.out);
    GoogleAdkSessionsExample.run(Path.of("/tmp/agents"), System.out);
    GoogleAdkArtifactsExample.run(Path.of("/tmp/agents"), System.out);
    LangChain4jAgenticScopesExample.run(Path.of("/tmp/agents"), "snow", System.out);
  }
}
