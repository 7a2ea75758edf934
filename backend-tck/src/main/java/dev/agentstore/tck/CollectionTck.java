package dev.agentstore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstore.AgentStore;
import dev.agentstore.CollectionDefinition;
import dev.agentstore.CollectionItem;
import dev.agentstore.CustomResource;
import dev.agentstore.CustomResourceRepository;
import dev.agentstore.FailedPreconditionException;
import dev.agentstore.FieldRule;
import dev.agentstore.FieldType;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.ItemCollection;
import dev.agentstore.ItemQuery;
import dev.agentstore.KindDefinition;
import dev.agentstore.Metadata;
import dev.agentstore.NotFoundException;
import dev.agentstore.Query;
import dev.agentstore.history.ChangeEvent;
import dev.agentstore.model.AgentMessage;
import dev.agentstore.model.ExecutionPhase;
import dev.agentstore.model.MessageType;
import dev.agentstore.model.ToolCall;
import dev.agentstore.model.WorkflowTask;
import dev.agentstore.history.ResourceVersion;
import dev.agentstore.spi.StoredItemQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyed, append-only collections of declared kinds ({@link CollectionDefinition}): a key makes
 * an append idempotent (the first write wins), concurrent appends get distinct contiguous
 * sequences, reads page by sequence and filter on declared item fields, bad input is refused
 * changing nothing, items go with their parent, and org views, transactions and history treat
 * an append as they treat an append to an execution.
 *
 * <p>Usage: {@code class LocalCollectionTest extends CollectionTck { ... newStoreBuilder() ... }}
 */
public abstract class CollectionTck extends TckSupport {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Amelia's session events (seed 003). */
  static CollectionDefinition events() {
    return CollectionDefinition.builder("events")
        .field("type", FieldType.STRING, FieldRule.required(),
            FieldRule.oneOf("prompt", "tool", "error"))
        .field("at", FieldType.TIMESTAMP)
        .field("tokens", FieldType.INTEGER)
        .field("ok", FieldType.BOOLEAN)
        .build();
  }

  static KindDefinition.Builder sessionBuilder() {
    return KindDefinition.builder("amelia.dev", "Session").idPrefix("ases")
        .field("spec.title", FieldType.STRING);
  }

  private final KindDefinition session = sessionBuilder().collection(events()).build();

  /** Opens the test's store again, declaring the session kind. */
  @BeforeEach
  void declareKinds() {
    store = open(location.copy().kind(session));
  }

  private CustomResourceRepository<ObjectNode, ObjectNode> sessions(AgentStore s) {
    return s.resources(session);
  }

  private CustomResource<ObjectNode, ObjectNode> newSession(String org) {
    return sessions(store).create(CustomResource.of(session, Metadata.of(org, unique("s")),
        JSON.objectNode().put("title", "chat")));
  }

  private ItemCollection<ObjectNode> events(AgentStore s, String id) {
    return sessions(s).collection(id, "events");
  }

  private static ObjectNode event(String type) {
    return JSON.objectNode().put("type", type);
  }

  @Test
  void aRetryWithTheSameKeyReturnsTheFirstItemAndWritesNothing() {
    String org = newOrg().id();
    var s = newSession(org);
    CollectionItem<ObjectNode> first = events(store, s.id()).append("evt-1",
        event("prompt").put("text", "hello"));
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.key()).isEqualTo("evt-1");
    assertThat(first.item().get("text").asText()).isEqualTo("hello");
    long version = sessions(store).get(s.id()).orElseThrow().metadata().version();
    assertThat(version).isEqualTo(2);

    CollectionItem<ObjectNode> retry = events(store, s.id()).append("evt-1",
        event("prompt").put("text", "hello again"));
    assertThat(retry).isEqualTo(first);
    assertThat(events(store, s.id()).count(ItemQuery.all())).isEqualTo(1);
    assertThat(sessions(store).get(s.id()).orElseThrow().metadata().version()).isEqualTo(version);
    assertThat(store.history().list(s.id())).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.CREATED, ChangeEvent.APPENDED);

    // Unkeyed appends always append; appendAll answers a held key (also one earlier in the
    // same call) with the item held, and gives the new ones contiguous sequences.
    assertThat(events(store, s.id()).append(null, event("tool")).sequence()).isEqualTo(2);
    List<CollectionItem<ObjectNode>> batch = events(store, s.id()).appendAll(List.of(
        ItemCollection.entry("evt-1", event("error")), ItemCollection.entry("evt-3", event("tool")),
        ItemCollection.entry("evt-3", event("error")), ItemCollection.entry(null, event("tool"))));
    assertThat(batch).extracting(CollectionItem::sequence).containsExactly(1L, 3L, 3L, 4L);
    assertThat(batch.get(2).item().get("type").asText()).isEqualTo("tool");
    assertThat(events(store, s.id()).get("evt-3").orElseThrow().sequence()).isEqualTo(3);
    assertThat(events(store, s.id()).get("nope")).isEmpty();
    assertThat(sessions(store).get(s.id()).orElseThrow().metadata().version()).isEqualTo(4);
  }

  @Test
  void concurrentAppendsGetDistinctContiguousSequencesAndOneKeyOneItem() throws Exception {
    String org = newOrg().id();
    var s = newSession(org);
    int threads = 6;
    int each = 5;
    ConcurrentLinkedQueue<Throwable> failed = new ConcurrentLinkedQueue<>();
    List<Long> sequences = new CopyOnWriteArrayList<>();
    List<Long> sameKey = new CopyOnWriteArrayList<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int n = t;
      Thread th = new Thread(() -> {
        try {
          for (int i = 0; i < each; i++) {
            sequences.add(events(store, s.id()).append("t" + n + "-" + i, event("tool"))
                .sequence());
          }
          sameKey.add(events(store, s.id()).append("shared", event("prompt")).sequence());
        } catch (RuntimeException e) {
          failed.add(e);
        }
      });
      started.add(th);
      th.start();
    }
    for (Thread th : started) {
      th.join();
    }
    assertThat(failed).isEmpty();
    Set<Long> all = new TreeSet<>(sequences);
    all.addAll(sameKey);
    assertThat(sequences).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(sameKey)).hasSize(1);
    assertThat(all).hasSize(threads * each + 1);
    assertThat(all).first().isEqualTo(1L);
    assertThat(all).last().isEqualTo((long) threads * each + 1);
    assertThat(events(store, s.id()).count(ItemQuery.all())).isEqualTo(threads * each + 1);
  }

  @Test
  void readsPageBySequenceAndFilterOnDeclaredItemFields() {
    String org = newOrg().id();
    var s = newSession(org);
    List<ItemCollection.Entry<ObjectNode>> entries = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      ObjectNode e = event(i % 5 == 0 ? "error" : i % 2 == 0 ? "tool" : "prompt")
          .put("at", "2026-03-01T00:00:" + String.format("%02d", i) + "Z")
          .put("tokens", new BigDecimal(i + ".0"));
      if (i % 3 == 0) {
        e.put("ok", i % 2 == 0);
      }
      entries.add(ItemCollection.entry("e" + i, e));
    }
    events(store, s.id()).appendAll(entries);
    ItemCollection<ObjectNode> ev = events(store, s.id());

    List<CollectionItem<ObjectNode>> page = ev.list(ItemQuery.builder().limit(10).build());
    assertThat(page).extracting(CollectionItem::sequence).containsExactly(1L, 2L, 3L, 4L, 5L,
        6L, 7L, 8L, 9L, 10L);
    List<CollectionItem<ObjectNode>> next = ev.list(ItemQuery.builder()
        .after(page.get(9).sequence()).limit(10).build());
    assertThat(next).extracting(CollectionItem::sequence).startsWith(11L).hasSize(10);
    assertThat(ev.list(ItemQuery.builder().after(20).limit(10).build())).hasSize(5);

    assertThat(ev.list(ItemQuery.builder().where("type", "error").build()))
        .extracting(CollectionItem::key).containsExactly("e5", "e10", "e15", "e20", "e25");
    assertThat(ev.count(ItemQuery.builder().in("type", "error", "prompt").build()))
        .isEqualTo(5 + 10);
    assertThat(ev.count(ItemQuery.builder().notIn("type", "error").build())).isEqualTo(20);
    assertThat(ev.list(ItemQuery.builder()
        .where("at", Query.JsonOperator.GREATER_OR_EQUAL, Instant.parse("2026-03-01T00:00:23Z"))
        .build())).extracting(CollectionItem::key).containsExactly("e23", "e24", "e25");
    // Numbers compare by exact decimal value: 3.0 was stored, 3 finds it.
    assertThat(ev.list(ItemQuery.builder().where("tokens", 3).build()))
        .extracting(CollectionItem::key).containsExactly("e3");
    assertThat(ev.count(ItemQuery.builder()
        .where("tokens", Query.JsonOperator.LESS_THAN, new BigDecimal("4.5")).build()))
        .isEqualTo(4);
    assertThat(ev.count(ItemQuery.builder().where("ok", true).build())).isEqualTo(4);
    assertThat(ev.count(ItemQuery.builder().where("ok", null).build())).isEqualTo(17);
    assertThat(ev.count(ItemQuery.builder().where("ok", Query.JsonOperator.IS_NOT_NULL, null)
        .build())).isEqualTo(8);
    assertThat(ev.count(ItemQuery.builder().where("type", "tool").after(20).build()))
        .isEqualTo(2);
    // Filters page the same way: after the last sequence seen.
    List<CollectionItem<ObjectNode>> tools = ev.list(ItemQuery.builder().where("type", "tool")
        .limit(3).build());
    assertThat(tools).extracting(CollectionItem::key).containsExactly("e2", "e4", "e6");
    assertThat(ev.list(ItemQuery.builder().where("type", "tool").after(tools.get(2).sequence())
        .limit(3).build())).extracting(CollectionItem::key).containsExactly("e8", "e12", "e14");
  }

  @Test
  void badInputIsATypedErrorNamingWhatIsWrongAndChangesNothing() {
    String org = newOrg().id();
    var s = newSession(org);
    events(store, s.id()).append("a", event("prompt"));
    assertThatThrownBy(() -> sessions(store).collection(s.id(), "messages"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("messages")
        .hasMessageContaining("events");
    ItemCollection<ObjectNode> ev = events(store, s.id());
    assertThatThrownBy(() -> ev.append("b", event("chat")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events[0].type")
        .hasMessageContaining("prompt");
    assertThatThrownBy(() -> ev.append("b", JSON.objectNode()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events[0].type");
    assertThatThrownBy(() -> ev.append("b", event("tool").put("at", "yesterday")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events[0].at");
    assertThatThrownBy(() -> ev.append("b", event("tool").put("tokens", 1.5)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events[0].tokens");
    assertThatThrownBy(() -> ev.append("", event("tool")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> ev.append("x".repeat(256), event("tool")))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key");
    // An item is held to the store's document size limit (4 MiB by default), like a message.
    assertThatThrownBy(() -> ev.append("big", event("tool").put("text",
        "x".repeat(4 * 1024 * 1024 + 1))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events[0]");
    // One bad entry refuses the whole call.
    assertThatThrownBy(() -> ev.appendAll(List.of(ItemCollection.entry("c", event("tool")),
        ItemCollection.entry("d", event("tool").put("ok", "yes")))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("events[1].ok");
    assertThatThrownBy(() -> ev.list(ItemQuery.builder().where("text", "hi").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("text")
        .hasMessageContaining("not a declared field");
    assertThatThrownBy(() -> ev.list(ItemQuery.builder()
        .where("type", Query.JsonOperator.GREATER_THAN, 3).build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("type");
    assertThatThrownBy(() -> ev.count(ItemQuery.builder().where("tokens", "many").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tokens");
    assertThatThrownBy(() -> ItemQuery.builder().limit(0).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
    assertThat(ev.count(ItemQuery.all())).isEqualTo(1);
    assertThat(sessions(store).get(s.id()).orElseThrow().metadata().version()).isEqualTo(2);
    assertThatThrownBy(() -> CollectionDefinition.builder("events").field("who",
        FieldType.REFERENCE)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("who");
    assertThatThrownBy(() -> sessionBuilder().collection(events()).collection(
        CollectionDefinition.builder("eVents").build()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void deletingTheParentDeletesItsItems() {
    String org = newOrg().id();
    var s = newSession(org);
    var kept = newSession(org);
    events(store, s.id()).appendAll(List.of(ItemCollection.entry("a", event("tool")),
        ItemCollection.entry("b", event("tool"))));
    events(store, kept.id()).append("a", event("prompt"));
    assertThat(sessions(store).delete(s.id())).isTrue();
    assertThatThrownBy(() -> events(store, s.id()).list(ItemQuery.all()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> events(store, s.id()).append("c", event("tool")))
        .isInstanceOf(NotFoundException.class);
    // Below the facade: the rows are gone, not merely hidden.
    long rows = backendOf(store).read(tx -> tx.countCollectionItems(session.kind(), "events",
        s.id(), new StoredItemQuery(0, 1, List.of())));
    assertThat(rows).isZero();
    assertThat(events(store, kept.id()).count(ItemQuery.all())).isEqualTo(1);
  }

  @Test
  void anotherOrgsViewSeesNoItemsAndCannotAppend() {
    String org = newOrg().id();
    var s = newSession(org);
    events(store, s.id()).append("a", event("tool"));
    AgentStore other = store.forOrg(newOrg().id());
    assertThatThrownBy(() -> events(other, s.id()).list(ItemQuery.all()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> events(other, s.id()).get("a"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> events(other, s.id()).append("b", event("tool")))
        .isInstanceOf(NotFoundException.class);
    assertThat(events(store.forOrg(org), s.id()).count(ItemQuery.all())).isEqualTo(1);
    assertThat(events(store, s.id()).count(ItemQuery.all())).isEqualTo(1);
  }

  @Test
  void appendsJoinTransactionsAndTheChangeFeed() {
    String org = newOrg().id();
    var s = newSession(org);
    assertThatThrownBy(() -> store.runInTransaction(tx -> {
      events(tx, s.id()).append("a", event("tool"));
      assertThat(events(tx, s.id()).count(ItemQuery.all())).isEqualTo(1);
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(events(store, s.id()).count(ItemQuery.all())).isZero();
    long seen = store.changes().since(0, 1000).stream().mapToLong(ResourceVersion::sequence)
        .max().orElse(0);
    store.runInTransaction(tx -> {
      events(tx, s.id()).append("a", event("tool"));
      sessions(tx).update(sessions(tx).get(s.id()).orElseThrow().withSpec(
          JSON.objectNode().put("title", "renamed")));
    });
    assertThat(events(store, s.id()).get("a").orElseThrow().sequence()).isEqualTo(1);
    List<ResourceVersion> changes = store.changes().since(seen, 100);
    assertThat(changes).extracting(ResourceVersion::event)
        .containsExactly(ChangeEvent.APPENDED, ChangeEvent.UPDATED);
    com.fasterxml.jackson.databind.JsonNode snapshot = changes.get(0).snapshot();
    assertThat(snapshot.at("/collections/events/0/sequence").asLong()).isEqualTo(1);
    assertThat(snapshot.at("/collections/events/0/key").asText()).isEqualTo("a");
    assertThat(snapshot.at("/collections/events/0/item/type").asText()).isEqualTo("tool");
  }

  /** An application's own item type. */
  public record Event(String type, Integer tokens) {}

  @Test
  void itemsReadAndWriteAsTheApplicationsOwnType() {
    String org = newOrg().id();
    var s = newSession(org);
    ItemCollection<Event> typed = sessions(store).collection(s.id(), "events", Event.class);
    CollectionItem<Event> e = typed.append("k", new Event("tool", 7));
    assertThat(e.item()).isEqualTo(new Event("tool", 7));
    assertThat(e.createdAt()).isNotNull();
    assertThat(typed.list(ItemQuery.builder().where("tokens", 7).build()))
        .extracting(CollectionItem::item).containsExactly(new Event("tool", 7));
    assertThatThrownBy(() -> typed.append("k2", new Event("chat", 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("type");
  }

  @Test
  void addingACollectionIsALoggedDefinitionChangeAndChangingOneIsRefused() {
    String org = newOrg().id();
    var s = newSession(org);
    CollectionDefinition notes = CollectionDefinition.builder("notes")
        .field("author", FieldType.STRING).build();
    KindDefinition more = sessionBuilder().collection(events()).collection(notes).build();
    {
      AgentStore changed = open(location.copy().kind(more));
      assertThat(changed.kinds()).contains(more);
      changed.resources(more).collection(s.id(), "notes").append("n1",
          JSON.objectNode().put("author", "amelia"));
      assertThat(changed.resources(more).collection(s.id(), "notes")
          .count(ItemQuery.builder().where("author", "amelia").build())).isEqualTo(1);
      // A process that declares nothing serves the collection from the stored definition.
      AgentStore plain = open(location.copy());
      KindDefinition stored = plain.kinds().stream()
          .filter(d -> d.kind().equals(session.kind())).findFirst().orElseThrow();
      assertThat(stored).isEqualTo(more);
      assertThat(plain.resources(stored).collection(s.id(), "notes").get("n1")).isPresent();
    }
    KindDefinition retyped = sessionBuilder().collection(CollectionDefinition.builder("events")
        .field("type", FieldType.INTEGER).build()).collection(notes).build();
    assertThatThrownBy(() -> open(location.copy().kind(retyped)))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("events");
    KindDefinition dropped = sessionBuilder().collection(notes).build();
    assertThatThrownBy(() -> open(location.copy().kind(dropped)))
        .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("events");
  }
  @Test
  void executionItemsExposeTheirSequenceAndTakeAnIdempotencyKey() {
    String org = newOrg().id();
    var execs = store.agentExecutions();
    String id = newAgentExecution(store, org).id();
    execs.appendMessages(id, AgentMessage.of(MessageType.AI, "zero", Instant.EPOCH));
    CollectionItem<AgentMessage> first = execs.appendMessage(id, "m-1",
        AgentMessage.of(MessageType.HUMAN, "hello", Instant.EPOCH));
    assertThat(first.sequence()).isEqualTo(2);
    assertThat(first.key()).isEqualTo("m-1");
    assertThat(first.item().content()).isEqualTo("hello");
    long version = execs.get(id).orElseThrow().metadata().version();
    int entries = store.history().list(id).size();
    CollectionItem<AgentMessage> retry = execs.appendMessage(id, "m-1",
        AgentMessage.of(MessageType.HUMAN, "hello again", Instant.EPOCH));
    assertThat(retry).isEqualTo(first);
    assertThat(execs.get(id).orElseThrow().metadata().version()).isEqualTo(version);
    assertThat(store.history().list(id)).as("a retry writes no history").hasSize(entries);
    assertThat(execs.get(id).orElseThrow().status().messages()).extracting(AgentMessage::content)
        .containsExactly("zero", "hello");
    assertThat(execs.appendMessage(id, null, AgentMessage.of(MessageType.AI, "two",
        Instant.EPOCH)).sequence()).isEqualTo(3);
    assertThat(execs.messages(id, 1, 10)).extracting(CollectionItem::sequence)
        .containsExactly(2L, 3L);
    assertThat(execs.messages(id, 0, 2)).extracting(CollectionItem::key)
        .containsExactly(null, "m-1");

    execs.upsertToolCall(id, ToolCall.pending("call-a", "search", JSON.objectNode()));
    execs.upsertToolCall(id, ToolCall.pending("call-b", "fetch", JSON.objectNode()));
    execs.upsertToolCall(id, ToolCall.pending("call-a", "search", JSON.objectNode().put("q", 1)));
    assertThat(execs.toolCalls(id, 0, 10)).extracting(CollectionItem::sequence, CollectionItem::key)
        .containsExactly(tuple(1L, "call-a"),
            tuple(2L, "call-b"));

    // Bad input changes nothing; another org sees no items; a finished execution still
    // answers a retry, but takes no new message.
    assertThatThrownBy(() -> execs.appendMessage(id, "", AgentMessage.of(MessageType.AI, "x",
        Instant.EPOCH))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> execs.messages(id, 0, 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> store.forOrg(newOrg().id()).agentExecutions().messages(id, 0, 10))
        .isInstanceOf(NotFoundException.class);
    execs.transition(id, ExecutionPhase.IN_PROGRESS);
    execs.transition(id, ExecutionPhase.COMPLETED);
    assertThat(execs.appendMessage(id, "m-1", AgentMessage.of(MessageType.HUMAN, "late",
        Instant.EPOCH))).isEqualTo(first);
    assertThatThrownBy(() -> execs.appendMessage(id, "m-9", AgentMessage.of(MessageType.HUMAN,
        "late", Instant.EPOCH))).isInstanceOf(FailedPreconditionException.class);
    assertThat(execs.messages(id, 0, 10)).hasSize(3);

    String wex = newWorkflowExecution(store, org).id();
    store.workflowExecutions().upsertTask(wex, WorkflowTask.pending("t1", "build", "RUN"));
    store.workflowExecutions().upsertTask(wex, WorkflowTask.pending("t2", "test", "RUN"));
    assertThat(store.workflowExecutions().tasks(wex, 1, 10))
        .extracting(CollectionItem::sequence, CollectionItem::key)
        .containsExactly(tuple(2L, "t2"));
  }
}
