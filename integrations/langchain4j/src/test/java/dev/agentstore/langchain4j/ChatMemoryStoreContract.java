package dev.agentstore.langchain4j;

import dev.agentstore.integration.Conversations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Query;
import dev.agentstore.model.AgentExecution;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.Session;
import dev.agentstore.postgres.IntegrationStores;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ChatMemoryStore cases, run on SQLite (Local...) and PostgreSQL (Postgres...). */
abstract class ChatMemoryStoreContract {
  /** A new, empty store location (see {@link TestStores}). */
  protected abstract String newLocation();

  private String location;
  private AgentStore store;
  private String org;
  private AgentStoreChatMemoryStore memories;

  @BeforeEach
  void open() {
    location = newLocation();
    store = IntegrationStores.open(location);
    org = IntegrationStores.newOrg(store);
    memories = new AgentStoreChatMemoryStore(store, org);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static ToolExecutionRequest request(String id, String name, String args) {
    return ToolExecutionRequest.builder().id(id).name(name).arguments(args).build();
  }

  private static List<ChatMessage> conversation() {
    ToolExecutionRequest weather = request("call-1", "weather", "{\"city\":\"Oslo\"}");
    ToolExecutionRequest time = request("call-2", "time", "{\"tz\":\"CET\"}");
    return List.of(
        SystemMessage.from("Be brief."),
        UserMessage.from("Weather and time in Oslo?"),
        AiMessage.from(List.of(weather, time)),
        ToolExecutionResultMessage.from(weather, "-3 C, snow"),
        ToolExecutionResultMessage.from(time, "14:05"),
        AiMessage.from("It is 14:05 and -3 C with snow."));
  }

  @Test
  void roundTripsEveryMessageTypeIncludingToolRequestsAndResults() {
    memories.updateMessages("user-1", conversation());

    assertThat(memories.getMessages("user-1")).isEqualTo(conversation());
    AiMessage ai = (AiMessage) memories.getMessages("user-1").get(2);
    assertThat(ai.toolExecutionRequests()).extracting(ToolExecutionRequest::id, ToolExecutionRequest::arguments)
        .containsExactly(tuple("call-1", "{\"city\":\"Oslo\"}"),
            tuple("call-2", "{\"tz\":\"CET\"}"));
  }

  @Test
  void storesOneSessionAndExecutionWhoseMessagesOtherReadersUnderstand() {
    memories.updateMessages("user-1", conversation());

    String slug = new Conversations("lc4j").slug("user-1");
    Session session = store.sessions().getBySlug(org, slug).orElseThrow();
    assertThat(session.spec().threadId()).isEqualTo("user-1");
    AgentExecution execution = store.agentExecutions().getBySlug(org, slug).orElseThrow();
    assertThat(execution.spec().sessionId()).isEqualTo(session.id());
    List<AgentMessage> stored = execution.status().messages();
    assertThat(stored).extracting(AgentMessage::type).containsExactly(MessageType.SYSTEM,
        MessageType.HUMAN, MessageType.AI, MessageType.TOOL, MessageType.TOOL, MessageType.AI);
    assertThat(stored.get(1).content()).isEqualTo("Weather and time in Oslo?");
    assertThat(stored.get(3).content()).isEqualTo("-3 C, snow");
    assertThat(stored).allSatisfy(m -> assertThat(m.timestamp()).isNotNull());
  }

  @Test
  void anUnknownMemoryIsEmptyAndReadingItCreatesNothing() {
    assertThat(memories.getMessages("nobody")).isEmpty();
    assertThat(store.sessions().count(Query.all())).isZero();
  }

  @Test
  void memoryIdsAreCanonicalisedByTheirStringFormAndIsolated() {
    memories.updateMessages(42, List.of(UserMessage.from("forty-two")));
    memories.updateMessages("43", List.of(UserMessage.from("forty-three")));

    assertThat(memories.getMessages("42")).containsExactly(UserMessage.from("forty-two"));
    assertThat(memories.getMessages(43L)).containsExactly(UserMessage.from("forty-three"));
    assertThat(AgentStoreChatMemoryStore.key(42)).isEqualTo("42");
  }

  @Test
  void deleteRemovesOneMemoryAndLeavesTheOthers() {
    memories.updateMessages("a", List.of(UserMessage.from("a")));
    memories.updateMessages("b", List.of(UserMessage.from("b")));

    memories.deleteMessages("a");
    memories.deleteMessages("never-stored");

    assertThat(memories.getMessages("a")).isEmpty();
    assertThat(memories.getMessages("b")).containsExactly(UserMessage.from("b"));
    assertThat(store.sessions().count(Query.all())).isEqualTo(1);
    memories.updateMessages("a", List.of(UserMessage.from("again")));
    assertThat(memories.getMessages("a")).containsExactly(UserMessage.from("again"));
  }

  @Test
  void anotherInstanceOnTheSameDatabaseSeesEveryWrite() {
    memories.updateMessages("user-1", conversation());
    try (AgentStore second = IntegrationStores.open(location)) {
      ChatMemoryStore other = new AgentStoreChatMemoryStore(second, org);
      assertThat(other.getMessages("user-1")).isEqualTo(conversation());
      other.updateMessages("user-1", List.of(UserMessage.from("replaced")));
    }
    assertThat(memories.getMessages("user-1")).containsExactly(UserMessage.from("replaced"));
  }

  @Test
  void badInputIsATypedErrorAndChangesNothing() {
    memories.updateMessages("user-1", List.of(UserMessage.from("kept")));
    List<ChatMessage> withNull = new ArrayList<>();
    withNull.add(UserMessage.from("x"));
    withNull.add(null);

    assertThatThrownBy(() -> memories.updateMessages(null, List.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("memoryId");
    assertThatThrownBy(() -> memories.getMessages(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("memoryId");
    assertThatThrownBy(() -> memories.updateMessages("user-1", null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("messages");
    assertThatThrownBy(() -> memories.updateMessages("user-1", withNull))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("messages[1]");
    assertThatThrownBy(() -> new AgentStoreChatMemoryStore(store, " "))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("org");

    assertThat(memories.getMessages("user-1")).containsExactly(UserMessage.from("kept"));
  }

  /** The same scenario through LangChain4j's MessageWindowChatMemory on both stores. */
  @Test
  void differentialAgainstInMemoryChatMemoryStore() {
    ChatMemoryStore reference = new InMemoryChatMemoryStore();
    List<List<ChatMessage>> expected = scenario(reference);
    List<List<ChatMessage>> actual = scenario(memories);

    assertThat(actual).isEqualTo(expected);
    assertThat(memories.getMessages("a")).isEqualTo(reference.getMessages("a"));
    assertThat(memories.getMessages("b")).isEqualTo(reference.getMessages("b"));
    assertThat(memories.getMessages("c")).isEqualTo(reference.getMessages("c"));
  }

  /** What the memories hold after every step of a conversation with eviction and tools. */
  private static List<List<ChatMessage>> scenario(ChatMemoryStore backing) {
    List<List<ChatMessage>> seen = new ArrayList<>();
    ChatMemory a = MessageWindowChatMemory.builder().id("a").maxMessages(4)
        .chatMemoryStore(backing).build();
    ChatMemory b = MessageWindowChatMemory.builder().id("b").maxMessages(10)
        .chatMemoryStore(backing).build();
    for (ChatMessage m : conversation()) {
      a.add(m);
      seen.add(a.messages());
    }
    a.add(SystemMessage.from("Be verbose."));
    seen.add(a.messages());
    b.add(UserMessage.from("hi"));
    b.add(UserMessage.from("hi"));
    b.add(AiMessage.from("hello"));
    seen.add(b.messages());
    for (int i = 0; i < 12; i++) {
      a.add(UserMessage.from("q" + i));
      a.add(AiMessage.from("a" + i));
      seen.add(a.messages());
    }
    ChatMemory c = MessageWindowChatMemory.builder().id("c").maxMessages(3)
        .chatMemoryStore(backing).build();
    c.add(UserMessage.from("one"));
    c.clear();
    seen.add(c.messages());
    c.add(UserMessage.from("two"));
    seen.add(c.messages());
    b.clear();
    seen.add(b.messages());
    return seen;
  }

  /**
   * Sixteen tool calls finish at once, each adding its result through its own memory object
   * (a read of the stored messages, an add, a write back): none is lost.
   */
  @Test
  void sixteenConcurrentToolResultsLoseNothing() throws Exception {
    int threads = 16;
    List<ToolExecutionRequest> requests = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      requests.add(request("call-" + i, "tool", "{\"i\":" + i + "}"));
    }
    memories.updateMessages("run", List.of(UserMessage.from("go"), AiMessage.from(requests)));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ToolExecutionRequest r : requests) {
        done.add(pool.submit(() -> {
          ChatMemory memory = MessageWindowChatMemory.builder().id("run").maxMessages(100)
              .chatMemoryStore(memories).build();
          start.await();
          memory.add(ToolExecutionResultMessage.from(r, "result of " + r.id()));
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<ChatMessage> stored = memories.getMessages("run");
    assertThat(stored).hasSize(2 + threads);
    assertThat(stored.subList(0, 2)).containsExactly(UserMessage.from("go"), AiMessage.from(requests));
    assertThat(stored.subList(2, stored.size())).extracting(m -> ((ToolExecutionResultMessage) m).id())
        .containsExactlyInAnyOrderElementsOf(requests.stream().map(ToolExecutionRequest::id).toList());
  }

  @Test
  void anUpdateKeepsMessagesAppendedConcurrentlyAfterWhatItRead() {
    UserMessage q = UserMessage.from("q");
    AiMessage a = AiMessage.from("a");
    memories.updateMessages("m", List.of(q, a));
    // writer 1 read [q, a] and appended x; writer 2 read [q, a] too, appended y
    memories.updateMessages("m", List.of(q, a, UserMessage.from("x")));
    memories.updateMessages("m", List.of(q, a, UserMessage.from("y")));
    assertThat(memories.getMessages("m"))
        .containsExactly(q, a, UserMessage.from("x"), UserMessage.from("y"));

    // eviction from the front still drops what the writer dropped
    memories.updateMessages("m", List.of(UserMessage.from("x"), UserMessage.from("y"), AiMessage.from("z")));
    assertThat(memories.getMessages("m"))
        .containsExactly(UserMessage.from("x"), UserMessage.from("y"), AiMessage.from("z"));

    // a list sharing nothing with the stored one replaces it; an empty one clears it
    memories.updateMessages("m", List.of(UserMessage.from("new")));
    assertThat(memories.getMessages("m")).containsExactly(UserMessage.from("new"));
    memories.updateMessages("m", List.of());
    assertThat(memories.getMessages("m")).isEmpty();
  }
}
