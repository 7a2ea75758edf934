package dev.agentstore.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

/** The chat memory scenarios, run on each backend by a Local / Postgres subclass. */
abstract class ChatMemoryContract extends StoreFixture {

  private AgentStoreChatMemoryRepository repo() {
    return new AgentStoreChatMemoryRepository(store, org);
  }

  static List<Message> everyType() {
    Media png = Media.builder().mimeType(MimeType.valueOf("image/png"))
        .data(new byte[] {1, 2, 3, (byte) 0xff}).id("m1").name("dot.png").build();
    Media link = Media.builder().mimeType(MimeType.valueOf("image/jpeg"))
        .data(URI.create("https://example.com/cat.jpg")).name("cat").build();
    return List.of(
        SystemMessage.builder().text("You are terse.").metadata(Map.of("source", "policy"))
            .build(),
        UserMessage.builder().text("What is in these pictures?").media(png, link)
            .metadata(Map.of("user", "u-1", "n", 3, "nested", Map.of("a", List.of(1, 2))))
            .build(),
        AssistantMessage.builder().content("Let me look.").properties(Map.of("model", "m"))
            .toolCalls(List.of(
                new AssistantMessage.ToolCall("call-1", "function", "describe",
                    "{\"image\":\"m1\"}"),
                new AssistantMessage.ToolCall("call-2", "function", "weird", "not json {")))
            .build(),
        ToolResponseMessage.builder().responses(List.of(
            new ToolResponseMessage.ToolResponse("call-1", "describe", "a dot"),
            new ToolResponseMessage.ToolResponse("call-2", "weird", "")))
            .metadata(Map.of("ms", 12)).build(),
        AssistantMessage.builder().content("A dot and a cat.").build(),
        new UserMessage("thanks"));
  }

  /** Messages equal field by field: type, text, metadata, tool calls, responses and media. */
  static void assertSameMessages(List<Message> actual, List<Message> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Message a = actual.get(i);
      Message e = expected.get(i);
      assertThat(a.getClass()).as("message %d", i).isEqualTo(e.getClass());
      assertThat(a.getMessageType()).isEqualTo(e.getMessageType());
      assertThat(a.getText()).as("text %d", i).isEqualTo(e.getText());
      assertThat(a.getMetadata()).as("metadata %d", i).isEqualTo(e.getMetadata());
      if (e instanceof AssistantMessage ea) {
        assertThat(((AssistantMessage) a).getToolCalls()).isEqualTo(ea.getToolCalls());
        assertSameMedia(((AssistantMessage) a).getMedia(), ea.getMedia());
      }
      if (e instanceof UserMessage eu) {
        assertSameMedia(((UserMessage) a).getMedia(), eu.getMedia());
      }
      if (e instanceof ToolResponseMessage et) {
        assertThat(((ToolResponseMessage) a).getResponses()).isEqualTo(et.getResponses());
      }
    }
  }

  private static void assertSameMedia(List<Media> actual, List<Media> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Media a = actual.get(i);
      Media e = expected.get(i);
      assertThat(a.getMimeType()).isEqualTo(e.getMimeType());
      assertThat(a.getId()).isEqualTo(e.getId());
      assertThat(a.getName()).isEqualTo(e.getName());
      if (e.getData() instanceof byte[] bytes) {
        assertThat((byte[]) a.getData()).isEqualTo(bytes);
      } else {
        assertThat(String.valueOf(a.getData())).isEqualTo(String.valueOf(e.getData()));
      }
    }
  }

  @Test
  void everyMessageTypeRoundTripsWhole() {
    repo().saveAll("chat-1", everyType());
    assertSameMessages(repo().findByConversationId("chat-1"), everyType());
    reopen(); // and after a restart
    assertSameMessages(repo().findByConversationId("chat-1"), everyType());
  }

  @Test
  void saveAllReplacesAndABadListChangesNothing() {
    AgentStoreChatMemoryRepository r = repo();
    r.saveAll("c", List.of(new UserMessage("a"), new AssistantMessage("b")));
    r.saveAll("c", List.of(new UserMessage("only")));
    assertSameMessages(r.findByConversationId("c"), List.of(new UserMessage("only")));
    List<Message> withNull = Arrays.asList(new UserMessage("x"), null);
    assertThatThrownBy(() -> r.saveAll("c", withNull))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("messages");
    assertSameMessages(r.findByConversationId("c"), List.of(new UserMessage("only")));
    assertThatThrownBy(() -> r.saveAll("", List.of()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("conversationId");
    r.saveAll("c", List.of());
    assertThat(r.findByConversationId("c")).isEmpty();
    assertThat(r.findConversationIds()).containsExactly("c");
  }

  @Test
  void deleteAndListConversationIdsInPages() {
    AgentStoreChatMemoryRepository r = repo();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "conversation/" + i + " with any characters: é ✓";
      ids.add(id);
      r.saveAll(id, List.of(new UserMessage("m" + i)));
    }
    assertThat(r.findConversationIds()).containsExactlyElementsOf(ids);
    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Page<String> p = r.findConversationIds(2, token);
      assertThat(p.items().size()).isLessThanOrEqualTo(2);
      paged.addAll(p.items());
      token = p.nextPageToken();
      pages++;
    } while (token != null);
    assertThat(paged).containsExactlyElementsOf(ids);
    assertThat(pages).isEqualTo(3);
    r.deleteByConversationId(ids.get(1));
    r.deleteByConversationId("never existed");
    assertThat(r.findByConversationId(ids.get(1))).isEmpty();
    assertThat(r.findConversationIds()).containsExactly(ids.get(0), ids.get(2), ids.get(3),
        ids.get(4));
  }

  @Test
  void tenantsAreIsolated() {
    AgentStoreChatMemoryRepository mine = repo();
    AgentStoreChatMemoryRepository theirs = mine.forOrg(newOrg());
    mine.saveAll("same-id", List.of(new UserMessage("mine")));
    theirs.saveAll("same-id", List.of(new UserMessage("theirs"), new UserMessage("2")));
    theirs.saveAll("their-only", List.of(new UserMessage("t")));
    assertThat(mine.findByConversationId("same-id")).extracting(Message::getText)
        .containsExactly("mine");
    assertThat(theirs.findByConversationId("same-id")).extracting(Message::getText)
        .containsExactly("theirs", "2");
    assertThat(mine.findConversationIds()).containsExactly("same-id");
    assertThat(mine.findByConversationId("their-only")).isEmpty();
    theirs.deleteByConversationId("same-id");
    assertThat(mine.findByConversationId("same-id")).hasSize(1);
  }

  /** Spring AI's own in-memory repository and ours, one scenario, the same answers. */
  @Test
  void behavesLikeSpringAisInMemoryRepository() {
    ChatMemoryRepository reference = new InMemoryChatMemoryRepository();
    ChatMemoryRepository ours = repo();
    for (ChatMemoryRepository r : List.of(reference, ours)) {
      r.saveAll("a", everyType());
      r.saveAll("b", List.of(new UserMessage("b1")));
      r.saveAll("b", List.of(new UserMessage("b2"), new AssistantMessage("b3")));
      r.saveAll("c", List.of(new SystemMessage("c")));
      r.deleteByConversationId("c");
      r.deleteByConversationId("missing");
    }
    assertThat(new HashSet<>(ours.findConversationIds()))
        .isEqualTo(new HashSet<>(reference.findConversationIds()));
    for (String id : List.of("a", "b", "c", "missing")) {
      assertSameMessages(ours.findByConversationId(id), reference.findByConversationId(id));
    }
  }

  /** 16 threads: 8 append to one conversation, 8 to their own; nothing lost, order kept. */
  @Test
  void sixteenConcurrentAppendersLoseNothingAndKeepOrder() throws Exception {
    AgentStoreChatMemory memory = new AgentStoreChatMemory(repo(), 0);
    int threads = 16;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int me = t;
        String conversation = t % 2 == 0 ? "shared" : "own-" + t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            memory.add(conversation, new UserMessage(me + ":" + i));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> shared = memory.get("shared").stream().map(Message::getText).toList();
    assertThat(shared).hasSize(threads / 2 * each).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t += 2) {
      String prefix = t + ":";
      List<String> mine = shared.stream().filter(s -> s.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add(prefix + i);
      }
      assertThat(mine).as("thread %d's messages, in its order", t).isEqualTo(expected);
    }
    for (int t = 1; t < threads; t += 2) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add(t + ":" + i);
      }
      assertThat(memory.get("own-" + t)).extracting(Message::getText).isEqualTo(expected);
    }
    assertThat(new AgentStoreChatMemory(repo(), 3).get("own-1")).extracting(Message::getText)
        .containsExactly("1:7", "1:8", "1:9");
    memory.clear("shared");
    assertThat(memory.get("shared")).isEmpty();
  }
}
