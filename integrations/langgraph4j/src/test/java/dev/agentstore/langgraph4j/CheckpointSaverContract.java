package dev.agentstore.langgraph4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstore.AgentStore;
import dev.agentstore.InvalidArgumentException;
import dev.agentstore.Query;
import dev.agentstore.postgres.IntegrationStores;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.Checkpoint;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.serializer.StateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BaseCheckpointSaver cases (after LangGraph's checkpoint conformance suite: round trips,
 * thread isolation, parents, ordering, replace in place, release, prune, copy, no cache), run on
 * SQLite (Local...) and PostgreSQL (Postgres...).
 */
abstract class CheckpointSaverContract {
  protected abstract String newLocation();

  private String location;
  private AgentStore store;
  private String org;
  private AgentStoreCheckpointSaver saver;

  @BeforeEach
  void open() {
    location = newLocation();
    store = IntegrationStores.open(location);
    org = IntegrationStores.newOrg(store);
    saver = new AgentStoreCheckpointSaver(store, org);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static RunnableConfig thread(String id) {
    return RunnableConfig.builder().threadId(id).build();
  }

  private static Checkpoint checkpoint(String id, String node, Map<String, Object> state) {
    return Checkpoint.builder().id(id).nodeId(node).nextNodeId(node + "-next").state(state).build();
  }

  /** What a caller observes of a checkpoint. */
  private static List<Object> seen(Checkpoint c) {
    return List.of(c.getId(), String.valueOf(c.getNodeId()), String.valueOf(c.getNextNodeId()),
        new HashMap<>(c.getState()));
  }

  private static List<List<Object>> seen(java.util.Collection<Checkpoint> cs) {
    return cs.stream().map(CheckpointSaverContract::seen).toList();
  }

  @Test
  void roundTripsStateNodesAndIds() {
    Map<String, Object> state = Map.of("messages", List.of("a", "b"), "n", 3, "flag", true);
    RunnableConfig saved = saver.put(thread("t"), checkpoint("c1", "agent", state));

    assertThat(saved.checkPointId()).contains("c1");
    Checkpoint read = saver.get(saved).orElseThrow();
    assertThat(seen(read)).isEqualTo(seen(checkpoint("c1", "agent", state)));
    assertThat(saver.get(thread("t")).map(Checkpoint::getId)).contains("c1");
  }

  @Test
  void listIsNewestFirstAndGetWithoutIdIsTheNewest() {
    for (int i = 1; i <= 4; i++) {
      saver.put(thread("t"), checkpoint("c" + i, "n" + i, Map.of("i", i)));
    }
    assertThat(saver.list(thread("t"))).extracting(Checkpoint::getId)
        .containsExactly("c4", "c3", "c2", "c1");
    assertThat(saver.get(thread("t")).map(Checkpoint::getId)).contains("c4");
    assertThat(saver.get(thread("t").withCheckPointId("c2")).map(c -> c.getState().get("i")))
        .contains(2);
    assertThat(saver.get(thread("t").withCheckPointId("nope"))).isEmpty();
    assertThat(saver.get(thread("empty"))).isEmpty();
    assertThat(saver.list(thread("empty"))).isEmpty();
  }

  @Test
  void theParentChainIsKept() {
    for (int i = 1; i <= 3; i++) {
      saver.put(thread("t"), checkpoint("c" + i, "n", Map.of()));
    }
    assertThat(saver.parentId(thread("t").withCheckPointId("c1"))).isEmpty();
    assertThat(saver.parentId(thread("t").withCheckPointId("c2"))).contains("c1");
    assertThat(saver.parentId(thread("t"))).contains("c2");
  }

  @Test
  void putWithACheckpointIdReplacesInPlace() {
    saver.put(thread("t"), checkpoint("c1", "a", Map.of("v", 1)));
    saver.put(thread("t"), checkpoint("c2", "b", Map.of("v", 2)));
    saver.put(thread("t"), checkpoint("c3", "c", Map.of("v", 3)));

    RunnableConfig same = thread("t").withCheckPointId("c2");
    assertThat(saver.put(same, checkpoint("c2", "b2", Map.of("v", 20)))).isSameAs(same);
    assertThat(saver.list(thread("t"))).extracting(Checkpoint::getId).containsExactly("c3", "c2", "c1");
    assertThat(saver.get(same).orElseThrow().getState()).containsEntry("v", 20);
    assertThat(saver.parentId(same)).contains("c1");

    // a replacement with another id takes the old one's place
    saver.put(thread("t").withCheckPointId("c1"), checkpoint("c1b", "a", Map.of("v", 10)));
    assertThat(saver.list(thread("t"))).extracting(Checkpoint::getId).containsExactly("c3", "c2", "c1b");

    assertThatThrownBy(() -> saver.put(thread("t").withCheckPointId("missing"),
        checkpoint("x", "x", Map.of()))).isInstanceOf(NoSuchElementException.class);
    assertThat(saver.list(thread("t"))).hasSize(3);
  }

  @Test
  void threadsAreIsolatedAndReleaseLeavesTheOthersIntact() {
    saver.put(thread("a"), checkpoint("a1", "n", Map.of("t", "a")));
    saver.put(thread("a"), checkpoint("a2", "n", Map.of("t", "a")));
    saver.put(thread("b"), checkpoint("b1", "n", Map.of("t", "b")));
    saver.put(RunnableConfig.builder().build(), checkpoint("d1", "n", Map.of()));

    assertThat(saver.list(thread("a"))).extracting(Checkpoint::getId).containsExactly("a2", "a1");
    assertThat(saver.get(thread("b").withCheckPointId("a1"))).isEmpty();
    assertThat(saver.list(thread(BaseCheckpointSaver.THREAD_ID_DEFAULT)))
        .extracting(Checkpoint::getId).containsExactly("d1");

    BaseCheckpointSaver.Tag tag = saver.release(thread("a"));
    assertThat(tag.threadId()).isEqualTo("a");
    assertThat(tag.checkpoints()).extracting(Checkpoint::getId).containsExactly("a2", "a1");
    assertThat(saver.list(thread("a"))).isEmpty();
    assertThat(saver.list(thread("b"))).extracting(Checkpoint::getId).containsExactly("b1");
    assertThat(saver.release(thread("never")).checkpoints()).isEmpty();
    saver.put(thread("a"), checkpoint("a3", "n", Map.of()));
    assertThat(saver.parentId(thread("a"))).isEmpty();
  }

  @Test
  void pruneKeepsTheLatestAndCopyKeepsOrder() {
    for (int i = 1; i <= 5; i++) {
      saver.put(thread("t"), checkpoint("c" + i, "n", Map.of("i", i)));
    }
    saver.copy(thread("t"), thread("copy"));
    saver.prune(thread("t"), 2);

    assertThat(saver.list(thread("t"))).extracting(Checkpoint::getId).containsExactly("c5", "c4");
    assertThat(saver.list(thread("copy"))).extracting(Checkpoint::getId)
        .containsExactly("c5", "c4", "c3", "c2", "c1");
    assertThat(saver.parentId(thread("copy").withCheckPointId("c3"))).contains("c2");
    assertThat(saver.get(thread("copy").withCheckPointId("c1")).orElseThrow().getState())
        .containsEntry("i", 1);
    assertThatThrownBy(() -> saver.prune(thread("t"), 0))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("keep");
    assertThatThrownBy(() -> saver.copy(thread("t"), thread("t")))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(saver.list(thread("t"))).hasSize(2);
  }

  @Test
  void theDatabaseIsTheOnlySourceOfTruth() {
    saver.put(thread("t"), checkpoint("c1", "n", Map.of("v", 1)));
    try (AgentStore second = IntegrationStores.open(location)) {
      AgentStoreCheckpointSaver other = new AgentStoreCheckpointSaver(second, org);
      assertThat(other.get(thread("t")).map(Checkpoint::getId)).contains("c1");
      other.put(thread("t"), checkpoint("c2", "n", Map.of("v", 2)));
      assertThat(saver.get(thread("t")).map(Checkpoint::getId)).contains("c2");
      saver.put(thread("t").withCheckPointId("c2"), checkpoint("c2", "n", Map.of("v", 22)));
      assertThat(other.get(thread("t")).orElseThrow().getState()).containsEntry("v", 22);
      other.release(thread("t"));
      assertThat(saver.list(thread("t"))).isEmpty();
    }
  }

  @Test
  void badInputIsATypedErrorAndChangesNothing() {
    assertThatThrownBy(() -> saver.list(null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("config");
    assertThatThrownBy(() -> saver.put(thread("t"), null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("checkpoint");
    assertThatThrownBy(() -> new AgentStoreCheckpointSaver(store, org, null))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("serializer");
    assertThat(saver.list(thread("t"))).isEmpty();
  }

  /** A serializer of our own: the saver writes and reads states only through it. */
  static final class CountingSerializer extends StateSerializer<AgentState> {
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    CountingSerializer() {
      super(AgentState::new);
    }

    @Override
    public void writeData(Map<String, Object> data, ObjectOutput out) throws IOException {
      writes.incrementAndGet();
      out.writeUTF("counting-v1");
      out.writeObject(new HashMap<>(data));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> readData(ObjectInput in) throws IOException, ClassNotFoundException {
      reads.incrementAndGet();
      if (!"counting-v1".equals(in.readUTF())) {
        throw new IOException("not written by this serializer");
      }
      return (Map<String, Object>) in.readObject();
    }
  }

  @Test
  void theStateSerializerIsPluggable() {
    CountingSerializer counting = new CountingSerializer();
    AgentStoreCheckpointSaver custom = new AgentStoreCheckpointSaver(store, org, counting);
    custom.put(thread("t"), checkpoint("c1", "n", Map.of("k", "v")));
    assertThat(custom.get(thread("t")).orElseThrow().getState()).containsEntry("k", "v");
    assertThat(counting.writes).hasValue(1);
    assertThat(counting.reads).hasValue(1);
    // what is stored is this serializer's output
    String stored = store.agentExecutions().stream(Query.all()).findFirst().orElseThrow()
        .status().toolCalls().get(0).args().get("state").asText();
    assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1))
        .contains("counting-v1");
  }

  /** One scenario through a saver; what every step returned. */
  private static List<Object> scenario(BaseCheckpointSaver s) throws Exception {
    List<Object> out = new ArrayList<>();
    out.add(s.put(thread("a"), checkpoint("a1", "start", Map.of("n", 1))).checkPointId());
    out.add(s.put(thread("a"), checkpoint("a2", "agent", Map.of("n", 2))).checkPointId());
    out.add(s.put(thread("b"), checkpoint("b1", "start", Map.of("n", 10))).checkPointId());
    out.add(s.put(thread("a"), checkpoint("a3", "tool", Map.of("n", 3, "l", List.of(1, 2))))
        .checkPointId());
    out.add(seen(s.list(thread("a"))));
    out.add(s.get(thread("a")).map(CheckpointSaverContract::seen));
    out.add(s.get(thread("a").withCheckPointId("a1")).map(CheckpointSaverContract::seen));
    out.add(s.get(thread("a").withCheckPointId("zz")).map(CheckpointSaverContract::seen));
    out.add(s.put(thread("a").withCheckPointId("a2"), checkpoint("a2", "agent", Map.of("n", 22)))
        .checkPointId());
    out.add(seen(s.list(thread("a"))));
    try {
      s.put(thread("a").withCheckPointId("zz"), checkpoint("zz", "x", Map.of()));
      out.add("no error");
    } catch (NoSuchElementException e) {
      out.add("NoSuchElementException");
    }
    out.add(seen(s.list(thread("b"))));
    BaseCheckpointSaver.Tag tag = s.release(thread("a"));
    out.add(tag.threadId());
    out.add(seen(tag.checkpoints()));
    out.add(seen(s.list(thread("a"))));
    out.add(seen(s.list(thread("b"))));
    out.add(s.get(thread("never")).isPresent());
    return out;
  }

  @Test
  void differentialAgainstMemorySaver() throws Exception {
    List<Object> expected = scenario(new MemorySaver());
    List<Object> actual = scenario(saver);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("step %d", i).isEqualTo(expected.get(i));
    }
  }

  /** Sixteen writers put to one thread at once: all land, whole, chained one after another. */
  @Test
  void sixteenConcurrentPutsLoseNothing() throws Exception {
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int n = w;
        all.add(pool.submit(() -> {
          start.await();
          saver.put(thread("hot"), checkpoint("c" + n, "node" + n,
              Map.of("writer", n, "payload", "x".repeat(1000 + n))));
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : all) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Checkpoint> list = new ArrayList<>(saver.list(thread("hot")));
    assertThat(list).hasSize(writers);
    for (Checkpoint c : list) {
      int n = (Integer) c.getState().get("writer");
      assertThat(c.getId()).isEqualTo("c" + n);
      assertThat(c.getNodeId()).isEqualTo("node" + n);
      assertThat((String) c.getState().get("payload")).hasSize(1000 + n);
    }
    // newest first, each one's parent the next older
    for (int i = 0; i < list.size() - 1; i++) {
      assertThat(saver.parentId(thread("hot").withCheckPointId(list.get(i).getId())))
          .contains(list.get(i + 1).getId());
    }
    assertThat(saver.parentId(thread("hot").withCheckPointId(list.get(list.size() - 1).getId())))
        .isEmpty();
  }
}
